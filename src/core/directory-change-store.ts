// The demo directory's change log in the store: what replicas replay so they all show the same directory.

/** One change to the local (demo) directory, as logged; `change` is opaque to the store. */
export interface DirectoryChangeRow {
  seq: number;
  change: Record<string, unknown>;
  at: string;
}

/**
 * The local directory's change log (migration 6): every replica replays it over the embedded seed,
 * so all of them show the same directory. Appends are serialized by the head row's lock.
 */
export interface DirectoryChangeStore {
  /** Seq of the newest change (0 when none): one primary-key read, cheap enough to make before every directory read. */
  directoryHead(): Promise<number>;
  /** Inside a transaction: the head, locked until commit so appends happen one at a time, in seq order. */
  lockDirectoryHead(): Promise<number>;
  /** Changes with seq > afterSeq, oldest first (default 500 at a time). */
  listDirectoryChanges(afterSeq: number, limit?: number): Promise<DirectoryChangeRow[]>;
  /** Appends `change` as `seq` and moves the head there; throws unless seq is the head + 1. Call under `lockDirectoryHead`. */
  appendDirectoryChange(seq: number, change: Record<string, unknown>, at: string): Promise<void>;
}

// The local directory's state: the demo seed plus every change since, replayed from the store's change log so replicas agree.
import { existsSync, renameSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { DirectoryChangeRow, DirectoryChangeStore, Store } from '../../core/store.js';
import { loadSeed, type Seed, type SeedEvent } from '../seed.js';
import { applyChange, type DirectoryChange } from './local-changes.js';

export interface LocalStateOptions {
  /** The seed to start from (examples/acme/directory.json). */
  seedPath: string;
  /** Where changes are logged so every replica (and restart) sees them; absent keeps them in this process only (tests). */
  store?: DirectoryChangeStore & Pick<Store, 'withTransaction'>;
  /** A state file from before changes lived in the store: imported once, when the store's log is still empty. */
  legacyStatePath?: string;
  now?: () => Date;
}

/** What a mutation decided: its result, and the change to log (none for a no-op). */
export interface Decision<T> {
  result: T;
  change?: DirectoryChange;
}

/**
 * Mutable directory state. Reads go through `read()`, which first compares the store's head seq with
 * the last change applied here and replays any newer ones (so a replica sees another's change on its
 * next read); writes go through `change()`, which decides under the log's lock and appends in order.
 */
export class LocalState {
  private data: Seed;
  private seq = 0;
  private readonly store?: LocalStateOptions['store'];
  private readonly legacyStatePath?: string;
  private importing?: Promise<void>;
  private checking: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  readonly now: () => Date;

  constructor(opts: LocalStateOptions) {
    this.store = opts.store;
    this.legacyStatePath = opts.legacyStatePath;
    this.now = opts.now ?? (() => new Date());
    this.data = loadSeed(opts.seedPath);
  }

  /** The current state, after catching up with every change committed before this call. Never mutate it. */
  async read(): Promise<Seed> {
    if (this.store) await this.fresh();
    return this.data;
  }

  /**
   * Decides a mutation against the current state and logs its change. `decide` must not mutate the
   * state it is given (it may throw a domain error, which logs nothing); the change is applied once committed.
   */
  async change<T>(decide: (d: Seed) => Decision<T>): Promise<T> {
    if (!this.store) {
      const { result, change } = decide(this.data);
      if (change) this.apply([{ seq: this.seq + 1, change: change as never, at: '' }]);
      return result;
    }
    await this.importLegacy();
    const { result, row } = await this.store.withTransaction(async (tx) => {
      const head = await tx.lockDirectoryHead();
      await this.catchUp(tx, head);
      const decided = decide(this.data);
      if (!decided.change) return { result: decided.result };
      const row: DirectoryChangeRow = { seq: head + 1, change: decided.change as never, at: this.now().toISOString() };
      await tx.appendDirectoryChange(row.seq, row.change, row.at);
      return { result: decided.result, row };
    });
    if (row) this.apply([row]);
    return result;
  }

  /** A System Log event for a mutation decided now (its uuid is the local "directory request id"). */
  event(e: Omit<SeedEvent, 'uuid' | 'published' | 'severity' | 'outcome' | 'actor'>, at: string): SeedEvent {
    return {
      uuid: randomUUID(),
      published: at,
      severity: 'INFO',
      outcome: { result: 'SUCCESS', reason: null },
      actor: { id: 'warden', type: 'PublicClientApp', alternateId: 'warden', displayName: 'Warden' },
      ...e,
    };
  }

  /**
   * One head check per read; reads arriving while a check is in flight share the next one (a check
   * that began before a read did could miss a change committed in between, so they never share that one).
   */
  private fresh(): Promise<void> {
    if (!this.checking) {
      this.checking = this.sync().finally(() => {
        this.checking = null;
      });
      return this.checking;
    }
    this.queued ??= this.checking
      .catch(() => {})
      .then(() => {
        this.queued = null;
        return this.fresh();
      });
    return this.queued;
  }

  private async sync(): Promise<void> {
    await this.importLegacy();
    const head = await this.store!.directoryHead();
    if (head > this.seq) await this.catchUp(this.store!, head);
  }

  /** Replays logged changes up to `head` (in batches, in seq order; ones already applied here are skipped). */
  private async catchUp(db: DirectoryChangeStore, head: number): Promise<void> {
    while (this.seq < head) {
      const rows = await db.listDirectoryChanges(this.seq, 500);
      if (rows.length === 0) throw new Error(`directory change log ends at ${this.seq}, before its head ${head}`);
      this.apply(rows);
    }
  }

  private apply(rows: DirectoryChangeRow[]): void {
    for (const r of rows) {
      if (r.seq <= this.seq) continue;
      if (r.seq !== this.seq + 1) throw new Error(`directory change ${r.seq} arrived before ${this.seq + 1}`);
      this.data = applyChange(this.data, r.change as unknown as DirectoryChange);
      this.seq = r.seq;
    }
  }

  /** Imports a pre-store state file as one snapshot change when the log is still empty, then renames the file. */
  private importLegacy(): Promise<void> {
    const path = this.legacyStatePath;
    if (!path) return Promise.resolve();
    this.importing ??= (async () => {
      if (!existsSync(path)) return;
      const state = loadSeed(path);
      await this.store!.withTransaction(async (tx) => {
        if ((await tx.lockDirectoryHead()) !== 0) return;
        await tx.appendDirectoryChange(1, { kind: 'snapshot', state } as never, this.now().toISOString());
      });
      renameSync(path, `${path}.imported`);
    })().catch((err: unknown) => {
      this.importing = undefined; // try again on the next call
      throw err;
    });
    return this.importing;
  }
}

/** The state a store's change log gives over the seed (for tests and tools that inspect it). */
export async function loadLocalState(opts: Pick<LocalStateOptions, 'seedPath' | 'store'>): Promise<Seed> {
  return new LocalState(opts).read();
}

// The local directory's state: the demo seed plus every mutation since, persisted atomically to a JSON file.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomUUID } from 'node:crypto';
import { loadSeed, Seed, type SeedEvent } from '../seed.js';

export interface LocalStateOptions {
  /** The seed to start from (examples/acme/directory.json). */
  seedPath: string;
  /** Where mutations are persisted; absent keeps state in memory only (tests). */
  statePath?: string;
  now?: () => Date;
}

/** Mutable directory state with atomic persistence. */
export class LocalState {
  readonly data: Seed;
  private readonly statePath?: string;
  readonly now: () => Date;

  constructor(opts: LocalStateOptions) {
    this.statePath = opts.statePath;
    this.now = opts.now ?? (() => new Date());
    this.data = opts.statePath && existsSync(opts.statePath) ? loadSeed(opts.statePath) : loadSeed(opts.seedPath);
  }

  /** Writes the state to disk (temp file + rename, so a crash never leaves half a file). */
  persist(): void {
    if (!this.statePath) return;
    mkdirSync(dirname(this.statePath), { recursive: true });
    const tmp = `${this.statePath}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.data));
    renameSync(tmp, this.statePath);
  }

  /** Records a System Log event for a mutation and returns its uuid (the local "directory request id"). */
  recordEvent(e: Omit<SeedEvent, 'uuid' | 'published' | 'severity' | 'outcome' | 'actor'>): string {
    const uuid = randomUUID();
    this.data.events.push({
      uuid,
      published: this.now().toISOString(),
      severity: 'INFO',
      outcome: { result: 'SUCCESS', reason: null },
      actor: { id: 'warden', type: 'PublicClientApp', alternateId: 'warden', displayName: 'Warden' },
      ...e,
    });
    return uuid;
  }
}

/** Reads a state file's raw JSON (for tests that check persistence). */
export const readStateFile = (path: string): Seed => Seed.parse(JSON.parse(readFileSync(path, 'utf8')));

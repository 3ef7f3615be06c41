// HrPort over a CSV/JSON export on disk: validated at start, reloaded when the file changes.
import { readFileSync, statSync, type Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { UpstreamUnavailableError } from '../../core/errors.js';
import type { HrPort, HrRecord } from '../../core/hr.js';
import { parseInstant } from '../instant.js';
import { diffHrSnapshots } from '../snapshot-diff.js';
import { HrFileError } from './hr-file-error.js';
import { parseHrExport } from './parse-hr-export.js';

export interface FileHrOptions {
  /** Path to the export (`.csv` or `.json`). */
  path: string;
  /** Clock for change times; tests pass a fixed one. */
  now?: () => Date;
  /** How often (ms) calls check the file for a new export; 0 checks on every call. Default 1000. */
  recheckMs?: number;
}

interface Snapshot {
  stamp: string;
  records: readonly HrRecord[];
  byId: Map<string, HrRecord>;
  byEmail: Map<string, HrRecord>;
}

/**
 * Loads the export synchronously, so a bad file throws an HrFileError (file, row, column) before
 * the server starts. Every call then stats the file and reloads it if it changed; a replacement
 * that fails validation makes calls fail with UpstreamUnavailableError until it is fixed, rather
 * than serve people who may have left.
 */
export function createFileHr({ path, now = () => new Date(), recheckMs = 1000 }: FileHrOptions): HrPort {
  let snap = loadAtStart(path);
  /** Per employee id (including removed ones): epoch ms of the last load that changed them. */
  const changedAt = new Map<string, number>();
  const loadedAt = now().getTime();
  for (const r of snap.records) changedAt.set(r.employeeId, loadedAt);
  let failed: { stamp: string; error: HrFileError } | undefined;
  let reloading: Promise<void> | undefined;
  let checkedAt = -Infinity;

  async function reload(): Promise<void> {
    let st: Stats;
    try {
      st = await stat(path);
    } catch (e) {
      throw new UpstreamUnavailableError('The HR export file is missing or unreadable.', {
        hint: 'Ask an operator to restore the HR export.',
        cause: e,
      });
    }
    const stamp = stampOf(st);
    if (stamp === snap.stamp) return;
    // A bad export is parsed once per version, not on every call.
    if (failed?.stamp !== stamp) {
      try {
        // Stat before read: if the file changes again mid-read, the next call sees a new stamp.
        apply(load(path, st, await readFile(path, 'utf8')));
        failed = undefined;
        return;
      } catch (e) {
        if (!(e instanceof HrFileError))
          throw new UpstreamUnavailableError('The HR export file is missing or unreadable.', {
            hint: 'Ask an operator to restore the HR export.',
            cause: e,
          });
        failed = { stamp, error: e };
      }
    }
    throw unavailable(failed.error);
  }

  /** Swaps in a new snapshot, stamping every added, removed or changed id with the reload time. */
  function apply(next: Snapshot): void {
    const diff = diffHrSnapshots(snap.records, next.records);
    const at = now().getTime();
    for (const r of [...diff.added, ...diff.removed]) changedAt.set(r.employeeId, at);
    for (const c of diff.changed) changedAt.set(c.employeeId, at);
    snap = next;
  }

  /** Shares one reload between concurrent callers. */
  async function fresh(): Promise<Snapshot> {
    // A stat per call costs ~45 µs on the hot path; a new export is noticed within `recheckMs` instead.
    const t = performance.now();
    if (!failed && t - checkedAt < recheckMs) return snap;
    checkedAt = t;
    reloading ??= reload().finally(() => {
      reloading = undefined;
    });
    await reloading;
    return snap;
  }

  return {
    kind: 'file',
    async getEmployee(idOrEmail) {
      const s = await fresh();
      const key = idOrEmail.trim();
      return s.byId.get(key) ?? s.byEmail.get(key.toLowerCase()) ?? null;
    },
    async listEmployees() {
      return [...(await fresh()).records];
    },
    async changedSince(since) {
      const t = parseInstant(since);
      await fresh();
      return [...changedAt]
        .filter(([, at]) => at >= t)
        .map(([id]) => id)
        .sort();
    },
  };
}

/** What a caller (possibly a model) sees: where to look, but not the file path. */
function unavailable(error: HrFileError): UpstreamUnavailableError {
  const { row, column } = error;
  return new UpstreamUnavailableError(
    'The HR export was replaced with a file that fails validation, so HR data is unavailable.',
    {
      hint: 'Ask an operator to fix the HR export; the server log names the bad row and column.',
      details: { ...(row !== undefined ? { row } : {}), ...(column ? { column } : {}) },
      cause: error,
    },
  );
}

function load(path: string, st: Stats, text: string): Snapshot {
  const records = parseHrExport(text, path).map((r) => Object.freeze(r));
  return {
    stamp: stampOf(st),
    records,
    byId: new Map(records.map((r) => [r.employeeId, r])),
    byEmail: new Map(records.filter((r) => r.workEmail).map((r) => [r.workEmail.toLowerCase(), r])),
  };
}

function loadAtStart(path: string): Snapshot {
  let st: Stats;
  let text: string;
  try {
    st = statSync(path);
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new HrFileError({ file: path }, `cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`, {
      cause: e,
    });
  }
  return load(path, st, text);
}

// mtime alone can miss two writes within the filesystem's timestamp granularity; size and inode
// (changed by an atomic rename) narrow that gap for free.
const stampOf = (st: Stats): string => `${st.mtimeMs}:${st.size}:${st.ino}`;

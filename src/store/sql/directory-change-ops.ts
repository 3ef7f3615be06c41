// The local directory's change log (migration 6) on the shared SQL surface.
import type { Store } from '../../core/store.js';
import type { SqlExecutor } from './driver.js';
import { clampLimit, isoParam, isoValue, jsonValue } from './values.js';

type DirectoryChangeOps = Pick<
  Store,
  'directoryHead' | 'lockDirectoryHead' | 'listDirectoryChanges' | 'appendDirectoryChange'
>;

export function directoryChangeOps(db: SqlExecutor): DirectoryChangeOps {
  const head = async (lock: boolean): Promise<number> => {
    // SQLite's BEGIN IMMEDIATE already holds the only write lock; PostgreSQL locks the head row until commit.
    const row = await db.get<{ seq: number }>(
      `SELECT seq FROM directory_head WHERE id = 1${lock && db.dialect === 'postgres' ? ' FOR UPDATE' : ''}`,
    );
    return Number(row?.seq ?? 0);
  };
  return {
    directoryHead: () => head(false),
    lockDirectoryHead: () => head(true),
    async listDirectoryChanges(afterSeq, limit) {
      const rows = await db.all(
        'SELECT seq, change, created_at FROM directory_changes WHERE seq > ? ORDER BY seq LIMIT ?',
        [afterSeq, clampLimit(limit, 500)],
      );
      return rows.map((r) => ({
        seq: Number(r.seq),
        change: jsonValue<Record<string, unknown>>(r.change)!,
        at: isoValue(r.created_at) ?? '',
      }));
    },
    async appendDirectoryChange(seq, change, at) {
      await db.run('INSERT INTO directory_changes (seq, change, created_at) VALUES (?, ?, ?)', [
        seq,
        JSON.stringify(change),
        isoParam(at),
      ]);
      if ((await db.run('UPDATE directory_head SET seq = ? WHERE id = 1 AND seq = ?', [seq, seq - 1])) !== 1) {
        throw new Error(`directory change ${seq} does not follow the head`);
      }
    },
  };
}

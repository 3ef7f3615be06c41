// Migration runner: applies pending migrations in one locked transaction and records them in schema_migrations.
import { MIGRATIONS, type Migration } from '../migrations/index.js';
import { columnTypes } from '../migrations/types.js';
import type { SqlDriver, SqlExecutor } from './driver.js';

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`;

/** Versions recorded as applied; empty when the table does not exist yet. */
export async function appliedVersions(db: SqlExecutor): Promise<number[]> {
  const exists =
    db.dialect === 'postgres'
      ? await db.get(
          `SELECT 1 AS x FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'schema_migrations'`,
        )
      : await db.get(`SELECT 1 AS x FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`);
  if (!exists) return [];
  const rows = await db.all<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
  return rows.map((r) => Number(r.version));
}

/**
 * Applies every migration not yet recorded, in version order, all in one transaction: a failure
 * leaves the schema as it was. Concurrent starts wait on the driver's lock and then find nothing to do.
 */
export async function runMigrations(
  driver: SqlDriver,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<{ applied: number[] }> {
  assertOrdered(migrations);
  return driver.transaction(async (tx) => {
    await driver.beforeMigrate(tx);
    await tx.exec(CREATE_TABLE);
    const done = new Set(await appliedVersions(tx));
    const applied: number[] = [];
    const types = columnTypes(tx.dialect);
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      for (const statement of m.up(tx.dialect, types)) await tx.exec(statement);
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
        m.version,
        m.name,
        new Date().toISOString(),
      ]);
      applied.push(m.version);
    }
    return { applied };
  });
}

/** Versions strictly ascending; gaps are allowed (numbers are handed out to parallel branches before they merge). */
function assertOrdered(migrations: readonly Migration[]): void {
  // Strictly increasing; numbers are handed out per feature, so a gap (e.g. 4 then 8) is allowed and filled later.
  migrations.forEach((m, i) => {
    const previous = i === 0 ? 0 : migrations[i - 1]!.version;
    if (!Number.isInteger(m.version) || m.version <= previous)
      throw new Error(`migration ${m.name}: version ${m.version} must be an integer above ${previous}`);
  });
}

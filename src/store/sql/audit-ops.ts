// Audit persistence on the shared SQL surface: chained appends under the head-row lock, filtered reads, streaming.
import type { AuditFilter, AuditHead, AuditInput, AuditRecord, SealedAuditRow } from '../../core/audit.js';
import type { Store } from '../../core/store.js';
import { sealRecord } from '../../audit/chain.js';
import { normalizeTerm, targetTerms } from '../../audit/targets.js';
import type { SqlExecutor } from './driver.js';
import { AUDIT_COLUMNS, auditFromRow, auditParams, sealedFromValues } from './audit-rows.js';
import { recordOfSealed } from '../../audit/chain.js';
import { clampLimit, isoParam } from './values.js';

type AuditOps = Pick<
  Store,
  | 'appendAudit'
  | 'appendAuditBatch'
  | 'listAudit'
  | 'iterateAudit'
  | 'iterateAuditPages'
  | 'countAudit'
  | 'getAuditHead'
>;

/** Rows per INSERT statement: stays under SQLite's and PostgreSQL's parameter limits. */
const INSERT_CHUNK = 500;
const insertSql = (rows: number): string => {
  const one = `(${AUDIT_COLUMNS.map(() => '?').join(',')})`;
  return `INSERT INTO audit_log (${AUDIT_COLUMNS.join(',')}) VALUES ${Array.from({ length: rows }, () => one).join(',')}`;
};
/** Term rows per INSERT (two parameters each). */
const TERM_CHUNK = 1_000;
const termSql = (rows: number): string =>
  `INSERT INTO audit_target_terms (term, seq) VALUES ${Array.from({ length: rows }, () => '(?,?)').join(',')} ON CONFLICT DO NOTHING`;

const iterateSql = `SELECT ${AUDIT_COLUMNS.join(', ')} FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?`;

export function auditOps(db: SqlExecutor): AuditOps {
  const headSql = `SELECT seq, hash FROM audit_head WHERE id = 1${db.dialect === 'postgres' ? ' FOR UPDATE' : ''}`;

  /** Locks the head (PostgreSQL row lock; SQLite's IMMEDIATE transaction), seals, inserts, moves the head. */
  const appendMany = (inputs: AuditInput[]): Promise<AuditRecord[]> =>
    db.transaction(async (tx) => {
      const head = await tx.get<{ seq: number; hash: string }>(headSql);
      if (!head) throw new Error('audit_head row missing: run migrate()');
      let prev: AuditHead = { seq: Number(head.seq), hash: head.hash };
      const records = inputs.map((input) => (prev = sealRecord(input, prev)));
      for (let i = 0; i < records.length; i += INSERT_CHUNK) {
        const chunk = records.slice(i, i + INSERT_CHUNK);
        await tx.run(insertSql(chunk.length), chunk.flatMap(auditParams));
      }
      const terms = records.flatMap((r) => targetTerms(r).map((t) => [t, r.seq]));
      for (let i = 0; i < terms.length; i += TERM_CHUNK) {
        const chunk = terms.slice(i, i + TERM_CHUNK);
        await tx.run(termSql(chunk.length), chunk.flat());
      }
      if (records.length > 0)
        await tx.run('UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1', [prev.seq, prev.hash]);
      return records;
    });

  // Raw rows (arrays, not objects), JSON left as text: verify reads every record, and per-row objects were most of its time.
  async function* iterateAuditPages(fromSeq = 1, pageSize = 1_000): AsyncGenerator<SealedAuditRow[]> {
    let after = fromSeq - 1;
    for (;;) {
      const rows = await db.values(iterateSql, [after, pageSize]);
      if (rows.length > 0) yield rows.map(sealedFromValues);
      if (rows.length < pageSize) return;
      after = Number(rows[rows.length - 1]![0]);
    }
  }

  return {
    appendAudit: async (input) => (await appendMany([input]))[0]!,
    appendAuditBatch: (inputs) => appendMany(inputs),

    async listAudit(filter: AuditFilter = {}) {
      const where: string[] = [];
      const params: unknown[] = [];
      const eq = (column: string, value: string | undefined) => {
        if (value !== undefined) where.push(`a.${column} = ?`), params.push(value);
      };
      // The target filter starts from the term index (term, seq), walked in seq order, and joins each record by key.
      const byTerm = filter.target !== undefined;
      if (byTerm) where.push('t.term = ?'), params.push(normalizeTerm(filter.target!));
      eq('actor_client', filter.actorClient);
      eq('tool', filter.tool);
      eq('outcome', filter.outcome);
      eq('action', filter.action);
      eq('request_id', filter.requestId);
      if (filter.actorPerson !== undefined) {
        where.push('(a.actor_person_login = ? OR a.actor_person_id = ?)');
        params.push(filter.actorPerson, filter.actorPerson);
      }
      if (filter.excludeActions?.length)
        where.push(`a.action NOT IN (${filter.excludeActions.map(() => '?').join(',')})`),
          params.push(...filter.excludeActions);
      const seq = byTerm ? 't.seq' : 'a.seq';
      if (filter.since !== undefined) where.push('a.at >= ?'), params.push(isoParam(filter.since));
      if (filter.until !== undefined) where.push('a.at < ?'), params.push(isoParam(filter.until));
      if (filter.afterSeq !== undefined) where.push(`${seq} > ?`), params.push(filter.afterSeq);
      if (filter.beforeSeq !== undefined) where.push(`${seq} < ?`), params.push(filter.beforeSeq);
      const order = filter.order === 'desc' ? 'DESC' : 'ASC';
      params.push(clampLimit(filter.limit));
      const from = byTerm ? 'audit_target_terms t JOIN audit_log a ON a.seq = t.seq' : 'audit_log a';
      const sql = `SELECT a.* FROM ${from}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY ${seq} ${order} LIMIT ?`;
      return (await db.all(sql, params)).map(auditFromRow);
    },

    async *iterateAudit(fromSeq = 1, batchSize = 1_000) {
      for await (const page of iterateAuditPages(fromSeq, batchSize)) for (const row of page) yield recordOfSealed(row);
    },
    iterateAuditPages,

    async countAudit() {
      const row = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM audit_log');
      return Number(row?.n ?? 0);
    },

    async getAuditHead() {
      const row = await db.get<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_head WHERE id = 1');
      return { seq: Number(row?.seq ?? 0), hash: row?.hash ?? '0'.repeat(64) };
    },
  };
}

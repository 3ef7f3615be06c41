// Audit persistence on the shared SQL surface: chained appends under the head-row lock, filtered reads, streaming.
import type { AuditFilter, AuditHead, AuditInput, AuditRecord } from '../../core/audit.js';
import type { Store } from '../../core/store.js';
import { sealRecord } from '../../audit/chain.js';
import type { SqlExecutor } from './driver.js';
import { AUDIT_COLUMNS, auditFromRow, auditParams } from './audit-rows.js';
import { clampLimit, isoParam } from './values.js';

type AuditOps = Pick<Store, 'appendAudit' | 'appendAuditBatch' | 'listAudit' | 'iterateAudit' | 'countAudit' | 'getAuditHead'>;

/** Rows per INSERT statement: stays under SQLite's and PostgreSQL's parameter limits. */
const INSERT_CHUNK = 500;
const insertSql = (rows: number): string => {
  const one = `(${AUDIT_COLUMNS.map(() => '?').join(',')})`;
  return `INSERT INTO audit_log (${AUDIT_COLUMNS.join(',')}) VALUES ${Array.from({ length: rows }, () => one).join(',')}`;
};

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
      if (records.length > 0) await tx.run('UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1', [prev.seq, prev.hash]);
      return records;
    });

  return {
    appendAudit: async (input) => (await appendMany([input]))[0]!,
    appendAuditBatch: (inputs) => appendMany(inputs),

    async listAudit(filter: AuditFilter = {}) {
      const where: string[] = [];
      const params: unknown[] = [];
      const eq = (column: string, value: string | undefined) => {
        if (value !== undefined) (where.push(`${column} = ?`), params.push(value));
      };
      eq('actor_client', filter.actorClient);
      eq('target', filter.target);
      eq('tool', filter.tool);
      eq('outcome', filter.outcome);
      eq('action', filter.action);
      eq('request_id', filter.requestId);
      if (filter.actorPerson !== undefined) {
        where.push('(actor_person_login = ? OR actor_person_id = ?)');
        params.push(filter.actorPerson, filter.actorPerson);
      }
      if (filter.since !== undefined) (where.push('at >= ?'), params.push(isoParam(filter.since)));
      if (filter.until !== undefined) (where.push('at < ?'), params.push(isoParam(filter.until)));
      if (filter.afterSeq !== undefined) (where.push('seq > ?'), params.push(filter.afterSeq));
      if (filter.beforeSeq !== undefined) (where.push('seq < ?'), params.push(filter.beforeSeq));
      const order = filter.order === 'desc' ? 'DESC' : 'ASC';
      params.push(clampLimit(filter.limit));
      const sql = `SELECT * FROM audit_log${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY seq ${order} LIMIT ?`;
      return (await db.all(sql, params)).map(auditFromRow);
    },

    async *iterateAudit(fromSeq = 1, batchSize = 5_000) {
      let after = fromSeq - 1;
      for (;;) {
        const rows = await db.all('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?', [after, batchSize]);
        for (const row of rows) yield auditFromRow(row);
        if (rows.length < batchSize) return;
        after = Number(rows[rows.length - 1]!.seq);
      }
    },

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

// Access requests and approvals on the shared SQL surface: optimistic updates and the exactly-once claim.
import { randomUUID } from 'node:crypto';
import {
  OpenRequestExistsError,
  RequestLimitReachedError,
  type AccessRequestRow,
  type RequestFilter,
  type RequestStatus,
  type Store,
} from '../../core/store.js';
import type { SqlExecutor } from './driver.js';
import { approvalFromRow, REQUEST_COLUMNS, requestFromRow, requestParam } from './request-rows.js';
import { clampLimit, isoParam } from './values.js';

type RequestOps = Pick<
  Store,
  | 'insertRequest'
  | 'getRequest'
  | 'listRequests'
  | 'countRequests'
  | 'updateRequest'
  | 'claimRequestForExecution'
  | 'insertApproval'
  | 'listApprovals'
>;

const OPEN_STATUSES: readonly string[] = ['pending', 'approved', 'executing'];

function whereOf(filter: RequestFilter): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const statuses = filter.status === undefined ? [] : Array.isArray(filter.status) ? filter.status : [filter.status];
  if (statuses.length) where.push(`status IN (${statuses.map(() => '?').join(',')})`), params.push(...statuses);
  for (const field of ['tool', 'requesterClient', 'requesterPerson', 'subject', 'resource'] as const) {
    if (filter[field] !== undefined) where.push(`${REQUEST_COLUMNS[field]} = ?`), params.push(filter[field]);
  }
  if (filter.createdAfter !== undefined) where.push('created_at >= ?'), params.push(isoParam(filter.createdAfter));
  if (filter.expiresBefore !== undefined) where.push('expires_at < ?'), params.push(isoParam(filter.expiresBefore));
  if (filter.grantExpiresBefore !== undefined)
    where.push('grant_expires_at < ?'), params.push(isoParam(filter.grantExpiresBefore));
  return { sql: where.length ? ` WHERE ${where.join(' AND ')}` : '', params };
}

export function requestOps(db: SqlExecutor): RequestOps {
  return {
    async insertRequest(input, limits) {
      const now = new Date().toISOString();
      const row: AccessRequestRow = {
        ...input,
        id: input.id ?? `req_${randomUUID()}`,
        createdAt: input.createdAt ?? now,
        updatedAt: now,
        version: 1,
      };
      const fields = (Object.keys(REQUEST_COLUMNS) as Array<keyof AccessRequestRow>).filter(
        (f) => row[f] !== undefined,
      );
      const insert = `INSERT INTO access_requests (${fields.map((f) => REQUEST_COLUMNS[f]).join(',')}) VALUES (${fields.map(() => '?').join(',')})
        ON CONFLICT (open_key) WHERE open_key IS NOT NULL DO NOTHING RETURNING *`;
      // One transaction holds the limit check and the insert: the count cannot go stale before the row lands.
      return db.transaction(async (tx) => {
        const perClient = limits?.perClient;
        if (perClient) {
          // Concurrent inserts by one client queue here (PostgreSQL); SQLite's BEGIN IMMEDIATE already serializes every writer.
          if (tx.dialect === 'postgres')
            await tx.get('SELECT pg_advisory_xact_lock(hashtext(?), hashtext(?))', [
              'warden:requests',
              row.requesterClient,
            ]);
          const n = Number(
            (
              await tx.get<{ n: number }>(
                'SELECT COUNT(*) AS n FROM access_requests WHERE requester_client = ? AND created_at >= ?',
                [row.requesterClient, isoParam(perClient.since)],
              )
            )?.n ?? 0,
          );
          if (n >= perClient.limit) throw new RequestLimitReachedError(n, perClient.limit);
        }
        // The unique index decides: PostgreSQL waits for a concurrent holder of the key to commit or roll back, then skips or inserts.
        for (let attempt = 0; ; attempt++) {
          const inserted = await tx.get(
            insert,
            fields.map((f) => requestParam(f, row[f])),
          );
          if (inserted) return requestFromRow(inserted);
          const holder = await tx.get<{ id: string; status: RequestStatus }>(
            'SELECT id, status FROM access_requests WHERE open_key = ?',
            [row.openKey],
          );
          if (holder) throw new OpenRequestExistsError({ id: String(holder.id), status: holder.status });
          if (attempt >= 2) throw new Error('insertRequest: open key conflict without a holder');
          // The holder closed between the conflict and the look-up: try again.
        }
      });
    },

    async getRequest(id) {
      const row = await db.get('SELECT * FROM access_requests WHERE id = ?', [id]);
      return row ? requestFromRow(row) : null;
    },

    async listRequests(filter = {}) {
      const { sql, params } = whereOf(filter);
      const order = filter.order === 'asc' ? 'ASC' : 'DESC';
      const rows = await db.all(
        `SELECT * FROM access_requests${sql} ORDER BY created_at ${order}, id ${order} LIMIT ? OFFSET ?`,
        [...params, clampLimit(filter.limit), Math.max(0, Math.floor(filter.offset ?? 0))],
      );
      return rows.map(requestFromRow);
    },

    async countRequests(filter = {}) {
      const { sql, params } = whereOf(filter);
      return Number((await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM access_requests${sql}`, params))?.n ?? 0);
    },

    async updateRequest(id, expectedVersion, patch) {
      const fields = Object.keys(patch).filter(
        (f): f is keyof typeof patch & keyof typeof REQUEST_COLUMNS =>
          f in REQUEST_COLUMNS && f !== 'id' && f !== 'version',
      );
      const sets = [...fields.map((f) => `${REQUEST_COLUMNS[f]} = ?`), 'updated_at = ?', 'version = version + 1'];
      // A request that is no longer open frees its change for a new request.
      if (patch.status !== undefined && !OPEN_STATUSES.includes(patch.status as string) && !('openKey' in patch))
        sets.push('open_key = NULL');
      if (patch.openKey) {
        const holder = await db.get<{ id: string; status: RequestStatus }>(
          'SELECT id, status FROM access_requests WHERE open_key = ? AND id <> ?',
          [patch.openKey, id],
        );
        if (holder) throw new OpenRequestExistsError({ id: String(holder.id), status: holder.status });
      }
      const params = [...fields.map((f) => requestParam(f, patch[f])), new Date().toISOString(), id, expectedVersion];
      return (await db.run(`UPDATE access_requests SET ${sets.join(', ')} WHERE id = ? AND version = ?`, params)) === 1;
    },

    async claimRequestForExecution(id, workerId, at) {
      // A conditional UPDATE: PostgreSQL re-checks the WHERE after waiting on the row lock; SQLite serializes writers.
      const now = new Date().toISOString();
      const row = await db.get(
        `UPDATE access_requests SET status = 'executing', claimed_by = ?, claimed_at = ?, updated_at = ?, retry_at = NULL, version = version + 1
         WHERE id = ? AND status = 'approved' AND (retry_at IS NULL OR retry_at <= ?) RETURNING *`,
        [workerId, now, now, id, isoParam(at ?? now)],
      );
      return row ? requestFromRow(row) : null;
    },

    async insertApproval(a) {
      const changed = await db.run(
        `INSERT INTO approvals (request_id, approver_login, decision, comment, at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (request_id, approver_login) DO NOTHING`,
        [a.requestId, a.approverLogin, a.decision, a.comment ?? null, isoParam(a.at)],
      );
      return changed === 1;
    },

    async listApprovals(requestId) {
      const rows = await db.all('SELECT * FROM approvals WHERE request_id = ? ORDER BY at, approver_login', [
        requestId,
      ]);
      return rows.map(approvalFromRow);
    },
  };
}

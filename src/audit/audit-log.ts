// The audit log service: append (scrubbed and chained), verify, export and query over a Store.
import type { Writable } from 'node:stream';
import type { AuditFilter, AuditHead, AuditInput, AuditRecord } from '../core/audit.js';
import type { Store } from '../core/store.js';
import { createAppendQueue } from './append-queue.js';
import { exportAuditJsonl, type ExportOptions } from './export.js';
import { verifyAuditChain, type VerifyOptions, type VerifyResult } from './verify.js';

export interface AuditLog {
  /** Appends one record (committed when it resolves); secrets in `args` are scrubbed before hashing. */
  append(input: AuditInput): Promise<AuditRecord>;
  /** Appends many records in one transaction (imports, bursts). */
  appendBatch(inputs: AuditInput[]): Promise<AuditRecord[]>;
  verify(opts?: VerifyOptions): Promise<VerifyResult>;
  exportJsonl(out: Writable, opts?: ExportOptions): Promise<{ count: number; lastSeq: number }>;
  query(filter?: AuditFilter): Promise<AuditRecord[]>;
  count(): Promise<number>;
  /** Seq and hash of the last record: publish it elsewhere to anchor the chain. */
  head(): Promise<AuditHead>;
}

export interface AuditLogOptions {
  /** Concurrent appends from this process share one transaction (group commit). Default true. */
  groupCommit?: boolean;
  /** Most records per group-commit transaction. */
  maxBatch?: number;
}

export function createAuditLog(store: Store, { groupCommit = true, maxBatch }: AuditLogOptions = {}): AuditLog {
  return {
    append: groupCommit ? createAppendQueue(store, { maxBatch }) : (input) => store.appendAudit(input),
    appendBatch: (inputs) => store.appendAuditBatch(inputs),
    verify: (opts) => verifyAuditChain(store, opts),
    exportJsonl: (out, opts) => exportAuditJsonl(store, out, opts),
    query: (filter) => store.listAudit(filter),
    count: () => store.countAudit(),
    head: () => store.getAuditHead(),
  };
}

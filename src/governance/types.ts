// Types of the single execution path: a call in, an outcome out.
import type { Principal } from '../core/principal.js';
import type { ErrorCode } from '../core/errors.js';
import type { AuditInput } from '../core/audit.js';

export interface ToolCall {
  principal: Principal;
  tool: string;
  input: unknown;
  /** Correlation id from the transport (HTTP request id); generated when absent. */
  requestId?: string;
}

export interface CallError {
  code: ErrorCode;
  message: string;
  hint?: string;
  details?: Record<string, unknown>;
}

export type CallOutcome =
  | { ok: true; output: Record<string, unknown>; requestId: string }
  | { ok: false; error: CallError; requestId: string };

/** Where governance writes audit records (the hash-chained log in production, an array in some tests). */
export interface AuditSink {
  append(input: AuditInput): Promise<unknown>;
}

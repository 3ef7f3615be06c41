// The audit query (time words, sign-ins, targets) lives in core, shared by /audit, the CLI and the query_audit tool.
export * from '../core/audit-query.js';

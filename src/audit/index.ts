// The audit module's public surface.
export { createAuditLog, type AuditLog, type AuditLogOptions } from './audit-log.js';
export { createChainMonitor, type ChainMonitor, type ChainStatus, type FullPass } from './chain-monitor.js';
export { verifyAuditChain, type VerifyOptions, type VerifyResult } from './verify.js';
export { exportAuditJsonl, type ExportOptions } from './export.js';
export { GENESIS_HASH, hashRecord, sealRecord } from './chain.js';
export { canonicalJson } from './canonical-json.js';
export { scrubSecrets, REDACTED } from './scrub.js';

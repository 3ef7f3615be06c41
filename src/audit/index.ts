// The audit module's public surface.
export { createAuditLog, type AuditLog, type AuditLogOptions } from './audit-log.js';
export { createChainMonitor, type ChainMonitor, type ChainStatus, type FullPass } from './chain-monitor.js';
export { verifyAuditChain, type VerifyOptions, type VerifyResult } from './verify.js';
export { exportAuditJsonl, type ExportOptions } from './export.js';
export { GENESIS_HASH, canonicalRecord, hashRecord, sealRecord } from './chain.js';
export { canonicalJson } from './canonical-json.js';
export { scrubSecrets, REDACTED } from './scrub.js';
export { SIGN_IN_ACTIONS, parseWhen, toAuditFilter, targetSummary, actorSummary, type AuditQuery } from './query.js';
export { targetTerms, MAX_TARGETS } from './targets.js';
export { loadSigningKey, keyIdOf, publicKeyFromPem, type SigningKey, type SigningKeyOptions } from './signing-key.js';
export { signCheckpoint, parseCheckpoint, checkSignature, checkpointDigest, type Checkpoint } from './checkpoint.js';
export {
  writeCheckpoint,
  writeCheckpointFile,
  latestCheckpoint,
  startCheckpoints,
  checkpointFileName,
} from './checkpoint-sink.js';

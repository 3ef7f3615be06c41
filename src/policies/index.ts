// The policy engine: schema, loader, pure decide(), approvals SoD, hot-reloading engine, explain, tests, CLI commands.
export {
  createPolicyEngine,
  formatError,
  PolicyLoadError,
  type PolicyEngine,
  type PolicyEngineOptions,
  type PolicyReload,
} from './engine.js';
export { decide, effectiveKind } from './decide.js';
export { canApprove, type ApprovalCheck, type ApprovalRequestFacts, type ApproverFacts } from './can-approve.js';
export { loadPolicy, hashPolicyBytes, type LoadResult } from './loader.js';
export type { CompiledPolicy } from './compiled-policy.js';
export { explainDecision } from './explain.js';
export { runPolicyTests, type PolicyTestResult, type PolicyTestRun } from './test-runner.js';
export { diffPolicies, formatPolicyDiff, policyDiffArgs, type PolicyChange, type PolicyDiff } from './diff.js';
export { policyJsonSchema, writePolicyJsonSchema } from './json-schema.js';
export { buildFacts, type CallSpec } from './build-facts.js';
export { DEFAULT_TOOL_CATALOG, toolCatalogFrom, type ToolCatalog } from './tool-catalog.js';
export { stepLabel, stepWords } from './approval-steps.js';
export { parseDuration, formatDuration } from './duration.js';
export { tagsFor, ownersFor, audienceFor } from './tags.js';
export type { PolicyError } from './yaml-source.js';

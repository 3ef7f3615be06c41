// The audit step's view of what a call touched: the tool's own declaration over its redacted output, never fatal.
import type { Logger } from 'pino';
import type { AuditTarget } from '../core/audit.js';
import type { AnyTool } from '../core/tool.js';

/**
 * Targets a tool declares for a successful call, read from the output the caller saw (so hidden fields never reach the
 * audit log through them). A faulty declaration is logged and yields none: the call's answer is not held back for it.
 */
export function targetsOf(
  tool: AnyTool,
  input: unknown,
  output: Record<string, unknown>,
  log: Logger,
): AuditTarget[] | undefined {
  if (!tool.auditTargets) return undefined;
  try {
    const targets = tool.auditTargets(input, output);
    return targets.length ? targets : undefined;
  } catch (err) {
    log.error({ err }, 'audit targets could not be read from the output');
    return undefined;
  }
}

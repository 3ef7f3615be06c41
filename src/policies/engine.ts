// createPolicyEngine(): the PolicyPort governance uses, with atomic hot reload that keeps the last good policy.
import type { Logger } from 'pino';
import type { CallFacts, ClientScope, Decision, PolicyPort } from '../core/policy.js';
import type { Principal } from '../core/principal.js';
import { canCallTool, scopeFor } from './client-scope.js';
import type { CompiledPolicy } from './compiled-policy.js';
import { decide } from './decide.js';
import { diffPolicies, type PolicyDiff } from './diff.js';
import { loadPolicy } from './loader.js';
import { audienceFor, ownersFor, tagsFor } from './tags.js';
import { watchFiles } from './watch-files.js';
import { requirementsFor } from './requirements.js';
import type { PolicyError } from './yaml-source.js';

export interface PolicyReload {
  ok: boolean;
  hash?: string;
  /** The previous hash, when the reload changed the policy. */
  previousHash?: string;
  error?: string;
  errors?: PolicyError[];
  /** What the reload changed in effective permissions (present when the policy changed). */
  diff?: PolicyDiff;
}

export interface PolicyEngineOptions {
  path: string;
  log?: Logger;
  watch?: boolean;
  onReload?: (r: PolicyReload) => void;
  /** Quiet period after the last file event before reloading. */
  debounceMs?: number;
}

export interface PolicyEngine extends PolicyPort {
  /** The active compiled policy (swap-safe snapshot). */
  current(): CompiledPolicy;
  /** Owner logins the policy names for a group or app. */
  ownersFor(kind: 'group' | 'app', name: string): readonly string[];
  /** Knowledge audience of a document path (`public` when no rule matches). */
  audienceFor(docPath: string): string;
  /** Re-reads the files now; a broken policy keeps the last good one. */
  reload(): PolicyReload;
  close(): void;
}

/** Thrown when the initial policy is invalid (there is no last good policy to keep). */
export class PolicyLoadError extends Error {
  readonly errors: PolicyError[];
  constructor(errors: PolicyError[]) {
    super(`invalid policy:\n${errors.map(formatError).join('\n')}`);
    this.name = 'PolicyLoadError';
    this.errors = errors;
  }
}

/** `file:line:column: message`, the form editors and CI logs link. */
export const formatError = (e: PolicyError): string => `${e.file}:${e.line}:${e.column}: ${e.message}`;

/** Loads the policy at `opts.path` (throws PolicyLoadError if invalid) and optionally watches it. */
export function createPolicyEngine(opts: PolicyEngineOptions): PolicyEngine {
  const first = loadPolicy(opts.path);
  if (!first.ok) throw new PolicyLoadError(first.errors);
  let active: CompiledPolicy = first.policy;
  let stopWatching: (() => void) | undefined;

  const startWatching = () => {
    stopWatching?.();
    stopWatching = watchFiles(active.files, () => engine.reload(), opts.debounceMs ?? 100);
  };

  const engine: PolicyEngine = {
    get hash() {
      return active.hash;
    },
    current: () => active,
    scopeFor: (principal: Principal): ClientScope | null => scopeFor(active, principal),
    canCallTool: (principal, tool) => canCallTool(active, principal, tool),
    decide: (facts: CallFacts): Decision => decide(active, facts),
    tagsFor: (kind, name) => [...tagsFor(active, kind, name)],
    ownersFor: (kind, name) => ownersFor(active, kind, name),
    requirements: (facts) => requirementsFor(active, facts),
    audienceFor: (docPath) => audienceFor(active, docPath),
    reload() {
      const result = loadPolicy(opts.path);
      let report: PolicyReload;
      if (!result.ok) {
        const error = result.errors.map(formatError).join('\n');
        report = { ok: false, hash: active.hash, error, errors: result.errors };
        opts.log?.warn(
          { policyHash: active.hash, errors: result.errors },
          'policy reload failed; keeping the last good policy',
        );
      } else if (result.policy.hash === active.hash) {
        return { ok: true, hash: active.hash };
      } else {
        const previousHash = active.hash;
        const filesChanged = result.policy.files.join('\n') !== active.files.join('\n');
        const diff = diffPolicies(active.source, result.policy.source);
        active = result.policy; // one assignment: callers see the old or the new policy, never a mix
        if (filesChanged && stopWatching) startWatching();
        report = { ok: true, hash: active.hash, previousHash, diff };
        const changes = diff.changes.map((c) => `${c.subject}: ${c.message}`);
        if (diff.escalations.length) {
          opts.log?.warn(
            {
              policyHash: active.hash,
              previousHash,
              escalations: diff.escalations.map((c) => `${c.subject}: ${c.message}`),
              changes,
            },
            'policy reloaded with a PRIVILEGE ESCALATION',
          );
        } else {
          opts.log?.info({ policyHash: active.hash, previousHash, changes }, 'policy reloaded');
        }
      }
      opts.onReload?.(report);
      return report;
    },
    close() {
      stopWatching?.();
      stopWatching = undefined;
    },
  };
  if (opts.watch) startWatching();
  return engine;
}

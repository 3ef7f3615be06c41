// The loaded policy in the shape decide() wants: sets, precompiled globs and regexes, seconds.
import type { ApprovalStep, ClientScope } from '../core/policy.js';
import type { GlobSet } from './glob.js';
import type { PolicyFile } from './schema.js';

export interface CompiledReason {
  required: boolean;
  minLength: number;
  pattern?: RegExp;
  patternHint?: string;
}

export interface CompiledClient {
  id: string;
  kind: 'agent' | 'person-app' | 'system';
  toolsets: ReadonlySet<string>;
  allow?: GlobSet;
  deny?: GlobSet;
  scope: Readonly<ClientScope>;
}

export interface CompiledRule {
  /** `rules.<id>`, the id decisions carry. */
  ruleId: string;
  id: string;
  description?: string;
  tools: ReadonlySet<string>;
  match: {
    tags?: readonly string[];
    resource?: GlobSet;
    resourceKind?: 'group' | 'app';
    departments?: ReadonlySet<string>;
    clients?: GlobSet;
    kinds?: ReadonlySet<string>;
  };
  effect: 'deny' | 'allow' | 'approval';
  steps: readonly ApprovalStep[];
  reason?: CompiledReason;
  maxDurationSeconds?: number;
  pendingExpirySeconds: number;
}

export interface CompiledTag {
  name: string;
  groups: GlobSet;
  apps: GlobSet;
}

export interface CompiledPolicy {
  /** sha256 of the file bytes (main file, then includes), first 16 hex chars. */
  hash: string;
  /** Absolute paths of every file the policy was read from. */
  files: readonly string[];
  defaults: { pendingExpirySeconds: number; requestsPerHour?: number; reason?: CompiledReason };
  clients: ReadonlyMap<string, CompiledClient>;
  tags: readonly CompiledTag[];
  owners: { groups: ReadonlyMap<string, readonly string[]>; apps: ReadonlyMap<string, readonly string[]> };
  rules: readonly CompiledRule[];
  /** Rules per tool name, in policy order (first match wins). */
  rulesByTool: ReadonlyMap<string, readonly CompiledRule[]>;
  knowledge: { audiences: ReadonlyArray<{ path: string; audience: string; re: RegExp }> };
  /** Tag lookups by `kind:name`, filled lazily (bounded). */
  tagCache: Map<string, readonly string[]>;
  /** The merged file as written, for tooling. */
  source: PolicyFile;
}

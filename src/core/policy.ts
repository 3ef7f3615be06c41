// What governance needs from the policy: per-client scope, tool permission, tags, and decide().
import type { Principal } from './principal.js';

/** What one client may call and see. Departments `'*'` means all. */
export interface ClientScope {
  clientId: string;
  /** Toolsets the client may call (`identity`, `access-requests`, `knowledge`, `audit`). */
  toolsets: string[];
  /** Explicit tool allow-list inside those toolsets; absent means every tool of the toolsets. */
  tools?: string[];
  /** Tools denied even when their toolset is allowed. */
  denyTools?: string[];
  /** Departments whose people the client may see; `'*'` for all. */
  departments: string[] | '*';
  /** Output fields removed before anything leaves Warden (e.g. `employeeNumber`, `location`). */
  hiddenFields: string[];
  /** Knowledge audiences the client may read (always includes `public`). */
  knowledgeAudiences: string[];
  /** Max access requests this client may create per hour. */
  requestsPerHour?: number;
}

/** Who may approve one step of a request. */
export type ApproverSpec =
  | { kind: 'manager' }
  | { kind: 'owner' }
  | { kind: 'group'; group: string }
  | { kind: 'person'; login: string };

/** One approval step: `count` approvals from people matching any of `anyOf`. Steps are ANDed. */
export interface ApprovalStep {
  id: string;
  anyOf: ApproverSpec[];
  count: number;
  /** Approvals in this step must come from distinct people (always true across steps too). */
  distinct: boolean;
}

interface DecisionBase {
  /** Id of the rule that decided, e.g. `clients.claude-desktop.toolsets` or `rules.privileged-groups-deny`. */
  rule: string;
  /** Human-readable explanation. */
  why: string;
  /** Content hash of the policy that decided. */
  policyHash: string;
  /** Notable facts recorded with the decision, e.g. `self-request` (the subject is the requester). */
  flags?: string[];
}

export type Decision =
  | (DecisionBase & { effect: 'allow' })
  | (DecisionBase & { effect: 'deny' })
  | (DecisionBase & {
      effect: 'approval';
      steps: ApprovalStep[];
      /** Grants expire and are revoked after this many seconds (absent: permanent). */
      maxDurationSeconds?: number;
      /** The deciding rule's maximum, when it has one (`maxDurationSeconds` may be shorter when the caller asked). */
      ruleMaxDurationSeconds?: number;
      /** A pending request expires after this many seconds. */
      pendingExpirySeconds: number;
    });

/**
 * Facts about one call, gathered by governance before deciding. `decide()` is pure over these
 * facts and the loaded policy.
 */
export interface CallFacts {
  principal: Principal;
  tool: string;
  toolset: string;
  mutating: boolean;
  input: Record<string, unknown>;
  /** The person the change is about, when there is one. */
  subject?: { id: string; login: string; department?: string; status?: string; managerLogin?: string };
  /** The group or app the change is about, with its tags from policy. */
  resource?: { kind: 'group' | 'app'; id: string; name: string; tags: string[]; ownerLogins: string[] };
  /** Requested grant duration in seconds, when the caller asked for a time-bound grant. */
  durationSeconds?: number;
  reason?: string;
}

/** What a change would need, before anyone asks for it (how_to_get_access). */
export interface RequestRequirements {
  effect: 'allow' | 'deny' | 'approval';
  rule: string;
  why: string;
  steps: ApprovalStep[];
  /** The steps in words, e.g. "1 approval from the manager or the owner". */
  needs: string;
  reason?: { required: boolean; minLength: number; pattern?: string; patternHint?: string };
  maxDurationSeconds?: number;
}

/** The loaded policy as governance sees it. Implemented by src/policies/. */
export interface PolicyPort {
  /** Content hash of the active policy. */
  readonly hash: string;
  /** The caller's scope, or null when the client is unknown to the policy (deny). */
  scopeFor(principal: Principal): ClientScope | null;
  /** Whether the principal may call the tool at all (drives tools/list and the scope step). */
  canCallTool(principal: Principal, tool: { name: string; toolset: string; mutating: boolean }): Decision;
  /** Pure decision for one call. */
  decide(facts: CallFacts): Decision;
  /** Tags of a group or app by name (e.g. `privileged`, `sensitive`). */
  tagsFor(kind: 'group' | 'app', name: string): string[];
  /** Owner logins the policy names for a group or app (apps have no owner in the directory). */
  ownersFor?(kind: 'group' | 'app', name: string): readonly string[];
  /** The matching rule's requirements for a change not yet asked for. */
  requirements?(facts: CallFacts): RequestRequirements;
}

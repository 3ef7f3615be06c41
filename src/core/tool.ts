// A tool is a value: schema, toolset, mutating flag and handler. src/mcp/ registers them all in one place.
import type { z } from 'zod';
import type { Logger } from 'pino';
import type { Principal } from './principal.js';
import type { AuditQueryPort } from './audit.js';
import type { LicenceReportPort } from './licences.js';
import type { DirectoryReader } from './directory.js';
import type { HrPort } from './hr.js';
import type { KnowledgePort } from './knowledge.js';
import type { ClientScope, PolicyPort } from './policy.js';
import type { RequestPort } from './requests.js';
import type { DownstreamAccessReader, DownstreamAccountFinder } from './connectors.js';
import type { AuditTarget } from './audit.js';

export const TOOLSETS = ['identity', 'access-requests', 'knowledge', 'audit'] as const;
export type Toolset = (typeof TOOLSETS)[number];

/** Everything a handler may use. Handlers never build clients or read the environment. */
export interface ToolContext {
  principal: Principal;
  /** The directory as this caller may see it (out-of-scope people are invisible). Read-only: tools cannot change it. */
  directory: DirectoryReader;
  hr: HrPort;
  knowledge?: KnowledgePort;
  policy: PolicyPort;
  scope: ClientScope;
  /** Filing and tracking access requests; absent on a Warden without the request service. */
  requests?: RequestPort;
  /** Reading the audit log; absent where no audit log is wired. */
  auditQuery?: AuditQueryPort;
  /** Accounts in connected (SCIM) apps as of the last reconcile; absent when no app is connected. */
  downstreamAccess?: DownstreamAccessReader;
  /** Live reads of a connected app's accounts (request_downstream_account_removal); absent when no app is connected. */
  downstreamAccounts?: DownstreamAccountFinder;
  /** Reclaimable app licences; absent where the lifecycle module is not wired. */
  licences?: LicenceReportPort;
  log: Logger;
  requestId: string;
}

export interface ToolAnnotations {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

export interface ToolDefinition<I extends z.ZodObject = z.ZodObject, O extends z.ZodObject = z.ZodObject> {
  name: string;
  title: string;
  /** Text a model reads: when to use it, what it returns, what it will not do. */
  description: string;
  toolset: Toolset;
  input: I;
  output: O;
  /**
   * Required: true for tools that ask for a change (they create access requests, never mutate directly), so
   * the policy's request rules decide each call. It is not the tool's effect: that is `annotations.readOnlyHint`.
   */
  mutating: boolean;
  /**
   * The tool's effect, as MCP clients see it. `readOnlyHint` is the one source of truth for "does this tool
   * change anything": read-only mode (WARDEN_READ_ONLY) lists and allows only tools where it is true.
   */
  annotations: ToolAnnotations;
  handler: (input: z.infer<I>, ctx: ToolContext) => Promise<z.infer<O>>;
  /**
   * The people, groups and apps a successful call disclosed, from its (redacted) output: governance writes them into
   * the call's audit record, so "who looked up X" has an answer. Read tools about identities declare it.
   */
  auditTargets?: (input: z.infer<I>, output: z.infer<O>) => AuditTarget[];
}

export interface ToolSpec<I extends z.ZodObject, O extends z.ZodObject>
  extends Omit<ToolDefinition<I, O>, 'annotations'> {
  /** Overrides of the annotations derived from `mutating`. */
  annotations?: Partial<ToolAnnotations>;
}

/** Defines a tool; annotations follow from `mutating` unless overridden. */
export function defineTool<I extends z.ZodObject, O extends z.ZodObject>(spec: ToolSpec<I, O>): ToolDefinition<I, O> {
  if (typeof spec.mutating !== 'boolean') throw new Error(`tool ${spec.name}: 'mutating' is required`);
  const annotations: ToolAnnotations = {
    readOnlyHint: !spec.mutating,
    destructiveHint: false,
    idempotentHint: !spec.mutating,
    openWorldHint: false,
    ...spec.annotations,
  };
  if (spec.mutating && annotations.readOnlyHint) {
    throw new Error(`tool ${spec.name}: a mutating tool cannot be annotated readOnlyHint`);
  }
  return Object.freeze({ ...spec, annotations }) as ToolDefinition<I, O>;
}

/** Any tool, for lists. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTool = ToolDefinition<any, any>;

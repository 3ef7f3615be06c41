// Whether a request's params fit its method, said in one short line: HTTP and stdio refuse misfits with -32602 before
// the SDK's own handlers see them (those answer -32603 with the whole validation dump).
import {
  CallToolRequestSchema,
  InitializeRequestSchema,
  ListToolsRequestSchema,
  PingRequestSchema,
  SetLevelRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';

/** The SDK's schema for each method this server answers; other methods get -32601 from the server itself. */
const SCHEMAS = {
  initialize: InitializeRequestSchema,
  ping: PingRequestSchema,
  'tools/list': ListToolsRequestSchema,
  'tools/call': CallToolRequestSchema,
  // Without it, a bad level reached the SDK's own handler and came back as -32603 with the whole validation dump.
  'logging/setLevel': SetLevelRequestSchema,
} as const;

/** A short, safe description of why params do not fit (no values echoed, no validation dump), or undefined. */
export function paramsProblem(m: { method?: string; params?: unknown }): string | undefined {
  const schema = SCHEMAS[m.method as keyof typeof SCHEMAS];
  if (!schema) return undefined;
  const r = schema.safeParse(m);
  if (r.success) return undefined;
  const issue = r.error.issues[0]!;
  const where = issue.path.length > 0 ? issue.path.map(String).join('.') : 'params';
  const what =
    issue.code === 'invalid_type'
      ? `expected ${issue.expected}`
      : issue.code === 'invalid_union'
        ? 'not one of the allowed shapes'
        : 'invalid value';
  return `Invalid params for ${m.method}: ${where.slice(0, 80)} (${what})`;
}

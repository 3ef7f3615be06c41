// Tool name → toolset and mutating flag, for policy tests and explain when no live tool registry is passed.

export interface ToolInfo {
  toolset: string;
  mutating: boolean;
}

export type ToolCatalog = ReadonlyMap<string, ToolInfo>;

const entries: Array<[string, string, boolean]> = [
  ['lookup_user', 'identity', false],
  ['search_users', 'identity', false],
  ['list_user_access', 'identity', false],
  ['check_access', 'identity', false],
  ['get_group', 'identity', false],
  ['list_group_members', 'identity', false],
  ['recent_access_changes', 'identity', false],
  ['access_history', 'identity', false],
  ['request_group_add', 'access-requests', true],
  ['request_group_remove', 'access-requests', true],
  ['request_app_assignment', 'access-requests', true],
  ['request_app_removal', 'access-requests', true],
  ['request_user_suspend', 'access-requests', true],
  ['request_user_deactivate', 'access-requests', true],
  ['request_downstream_account_removal', 'access-requests', true],
  // Internal request kinds the HR lifecycle files (not MCP tools; nothing an agent can call).
  ['lifecycle_user_create', 'access-requests', true],
  ['lifecycle_user_activate', 'access-requests', true],
  ['get_request', 'access-requests', false],
  ['list_requests', 'access-requests', false],
  ['cancel_request', 'access-requests', false],
  ['search_knowledge', 'knowledge', false],
  ['get_document', 'knowledge', false],
  ['query_audit', 'audit', false],
];

/** The tools Warden ships, as far as the policy engine needs to know them. */
export const DEFAULT_TOOL_CATALOG: ToolCatalog = new Map(
  entries.map(([name, toolset, mutating]) => [name, { toolset, mutating }]),
);

/** A catalog from a live tool list (e.g. `allTools` from src/tools), merged over the defaults. */
export function toolCatalogFrom(
  tools: ReadonlyArray<{ name: string; toolset: string; mutating: boolean }>,
): ToolCatalog {
  const map = new Map(DEFAULT_TOOL_CATALOG);
  for (const t of tools) map.set(t.name, { toolset: t.toolset, mutating: t.mutating });
  return map;
}

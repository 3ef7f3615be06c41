// The tools/list answer per caller and policy version, prepared once: it is the same for every request until the policy changes.
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import type { Principal } from '../core/principal.js';
import { listToolsResult, type ToolCallDeps } from './tool-calls.js';

/**
 * Keyed by the policy's content hash and everything of the principal the policy looks at, so a reload or another
 * caller never sees a stale or foreign list. Bounded: cleared when it reaches `limit` entries.
 */
export function toolsListCache(deps: ToolCallDeps, limit = 1000): (principal: Principal) => { tools: Tool[] } {
  const cache = new Map<string, { tools: Tool[] }>();
  return (principal) => {
    const key = JSON.stringify([
      deps.policy.hash,
      principal.kind,
      principal.clientId,
      principal.auth,
      principal.person?.id ?? null,
      principal.person?.login ?? null,
    ]);
    let hit = cache.get(key);
    if (!hit) {
      if (cache.size >= limit) cache.clear();
      hit = listToolsResult(deps, principal);
      cache.set(key, hit);
    }
    return hit;
  };
}

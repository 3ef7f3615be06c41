// Okta's rate-limit buckets (per-endpoint categories), so pacing uses the right counter for each call.

/** The bucket a request counts against, following Okta's per-endpoint limit table. */
export function bucketFor(method: string, path: string): string {
  const p = path.replace(/\/+$/, '');
  if (p === '/api/v1/users') return 'users';
  if (/^\/api\/v1\/users\/[^/]+$/.test(p)) return method.toUpperCase() === 'GET' ? 'user-get' : 'user-write';
  if (p === '/api/v1/groups') return 'groups';
  if (p.startsWith('/api/v1/groups/')) return 'group-id';
  if (/^\/api\/v1\/apps\/[^/]+$/.test(p)) return 'app-id';
  if (p.startsWith('/api/v1/apps')) return 'apps';
  if (p === '/api/v1/logs') return 'logs';
  if (p.startsWith('/oauth2/')) return 'oauth';
  return 'other';
}

// Host and Origin checks (DNS rebinding, cross-site writes): runs first on every route except the health probes.
import type { MiddlewareHandler } from 'hono';

/** Which names this server answers to. Build it with `hostAllowList`. */
export interface HostAllowList {
  /** True when a request addressed to `hostname` (lower case, IPv6 in brackets) on `port` ('' when absent) may be served. */
  allows(hostname: string, port: string): boolean;
  /** The entries, for logs and error messages (`localhost`, `warden.example:443`). */
  readonly entries: readonly string[];
}

export interface HostAllowListOptions {
  /** The address the server binds (WARDEN_HOST). */
  bindHost: string;
  /** WARDEN_PUBLIC_URL: its host name is allowed. */
  publicUrl?: string;
  /** WARDEN_ALLOWED_HOSTS: `name` (any port) or `name:port` (only a Host header naming that port). */
  extra?: readonly string[];
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];
const WILDCARD = new Set(['0.0.0.0', '::', '[::]']);

/** True for a loopback bind address (localhost, 127.0.0.0/8, ::1). */
export const isLoopback = (host: string): boolean => {
  const h = bracketIpv6(host.toLowerCase());
  return h === 'localhost' || h === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
};

/** True for an all-interfaces bind (0.0.0.0, ::): the bind address names no host, so the names must be configured. */
export const isWildcard = (host: string): boolean => WILDCARD.has(host.toLowerCase());

/**
 * The allowed names: the public URL's host, the bind address and, when bound to loopback or all interfaces, the
 * loopback names; plus the configured extras. An entry without a port allows any port: a rebinding attacker controls
 * only the name (the port is ours either way), and cross-port requests from other local pages are the Origin check's job.
 */
export function hostAllowList(opts: HostAllowListOptions): HostAllowList {
  const anyPort = new Set<string>();
  const withPort = new Set<string>();
  const add = (entry: string) => {
    const p = parseHostEntry(entry);
    if (p) p.port ? withPort.add(`${p.hostname}:${p.port}`) : anyPort.add(p.hostname);
  };
  if (opts.publicUrl) anyPort.add(new URL(opts.publicUrl).hostname.toLowerCase());
  if (!isWildcard(opts.bindHost)) add(opts.bindHost);
  if (isLoopback(opts.bindHost) || isWildcard(opts.bindHost)) LOOPBACK_NAMES.forEach(add);
  for (const e of opts.extra ?? []) add(e);
  return {
    entries: [...anyPort, ...withPort],
    allows: (hostname, port) => anyPort.has(hostname) || (port !== '' && withPort.has(`${hostname}:${port}`)),
  };
}

/** `name`, `name:port`, `[v6]` or `[v6]:port` → parts (lower case); undefined when it is not a host. */
export function parseHostEntry(entry: string): { hostname: string; port: string } | undefined {
  const e = entry.trim().toLowerCase();
  const m = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/.exec(bracketIpv6(e));
  if (!m || !m[1]) return undefined;
  return { hostname: m[1], port: m[2] ?? '' };
}

/** A bare IPv6 address (`::1`) gets the brackets URLs use (`[::1]`). */
function bracketIpv6(h: string): string {
  return h.includes(':') && !h.startsWith('[') && (h.match(/:/g) ?? []).length > 1 ? `[${h}]` : h;
}

export interface HostCheckOptions {
  allowed: HostAllowList;
  /** Paths served to any Host (load-balancer probes by IP). */
  openPaths?: readonly string[];
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Refuses (403) a request whose Host is not allowed, and a state-changing request whose browser Origin is not an
 * allowed host. /mcp gets a JSON-RPC error body, everything else Warden's JSON error.
 */
export function hostCheck(opts: HostCheckOptions): MiddlewareHandler {
  const open = new Set(opts.openPaths ?? ['/healthz', '/readyz']);
  return async (c, next) => {
    if (open.has(c.req.path)) return next();
    const url = new URL(c.req.url);
    if (!opts.allowed.allows(url.hostname.toLowerCase(), url.port)) {
      return refuse(
        c.req.path,
        `Host ${url.host} is not served here.`,
        'Use the address the operators published (WARDEN_PUBLIC_URL or WARDEN_ALLOWED_HOSTS).',
      );
    }
    const origin = c.req.header('origin');
    if (origin !== undefined && UNSAFE.has(c.req.method) && !originAllowed(origin, opts.allowed)) {
      return refuse(
        c.req.path,
        'Cross-origin requests are not accepted.',
        'Call Warden from its own pages or from a client that is not a browser page on another site.',
      );
    }
    return next();
  };
}

function originAllowed(origin: string, allowed: HostAllowList): boolean {
  let u: URL;
  try {
    u = new URL(origin);
  } catch {
    return false; // includes the opaque origin "null" (sandboxed frames, file: pages)
  }
  return (u.protocol === 'http:' || u.protocol === 'https:') && allowed.allows(u.hostname.toLowerCase(), u.port);
}

function refuse(path: string, message: string, hint: string): Response {
  const body =
    path === '/mcp'
      ? { jsonrpc: '2.0', id: null, error: { code: -32000, message: `Forbidden: ${message}` } }
      : { error: { code: 'forbidden', message, hint } };
  return new Response(JSON.stringify(body), { status: 403, headers: { 'Content-Type': 'application/json' } });
}

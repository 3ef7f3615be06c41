// /mcp while the store cannot check credentials: a tools/call gets an MCP error result (`unavailable`, retry hint); anything else 503.
import { retryAfterSeconds, type AppError } from '../core/errors.js';

const json = (body: unknown, status: number, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

/**
 * Nobody is authenticated here, so nothing is run or revealed beyond "the store is unavailable" (as /readyz says).
 * A client that connected before the outage sees its tool call fail like any other tool error, with when to retry.
 */
export async function unavailableReply(req: Request, err: AppError): Promise<Response> {
  const retry = { 'Retry-After': String(retryAfterSeconds(err)) };
  const msg = req.method === 'POST' ? await req.json().catch(() => undefined) : undefined;
  const call = msg as { jsonrpc?: unknown; id?: unknown; method?: unknown } | undefined;
  if (
    call &&
    !Array.isArray(call) &&
    call.jsonrpc === '2.0' &&
    call.method === 'tools/call' &&
    (typeof call.id === 'string' || typeof call.id === 'number')
  ) {
    const result = { isError: true, content: [{ type: 'text', text: JSON.stringify(err.toJSON()) }] };
    return json({ jsonrpc: '2.0', id: call.id, result }, 200, retry);
  }
  return json(err.toJSON(), 503, retry);
}

// Reads and checks a POST /mcp body before anything acts on it: size, JSON, nesting depth, batch shape, and each request's params.
import {
  readRequestBody,
  requestBodyTooLargeMessage,
  DEFAULT_MAX_REQUEST_BODY_SIZE,
  MAX_BATCH_SIZE,
} from '@modelcontextprotocol/sdk/server/requestBody.js';
import { isJsonContentType } from '@modelcontextprotocol/sdk/shared/mediaType.js';
import { ErrorCode, SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/sdk/types.js';
import { paramsProblem } from './params-check.js';

/** Deeper JSON is refused as an invalid request: no MCP message needs it, and recursive code downstream would overflow. */
export const MAX_JSON_DEPTH = 64;

export type RpcId = string | number;
/** A JSON-RPC message after the shape check: a request (with id), a notification, or a client's response (both ignored). */
export interface RpcMessage {
  jsonrpc: '2.0';
  id?: RpcId;
  method?: string;
  params?: unknown;
}
export interface RpcError {
  jsonrpc: '2.0';
  id: RpcId | null;
  error: { code: number; message: string };
}

export type ReadOutcome =
  | { ok: true; messages: RpcMessage[]; batch: boolean; parsed: unknown; invalid: Map<RpcId, RpcError> }
  | { ok: false; response: Response };

/** The JSON error body the SDK transport also uses, so every refusal reads the same. */
export function rpcErrorResponse(
  status: number,
  code: number,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

/**
 * The HTTP checks the SDK transport makes (Accept, Content-Type, body size, MCP-Protocol-Version) plus the ones it lacks:
 * an empty batch and over-deep nesting are invalid requests (400, -32600), and a request whose params do not fit its
 * method gets its own -32602 error with a short message (returned in `invalid`, answered without running anything).
 */
export async function readJsonRpc(req: Request, maxBytes = DEFAULT_MAX_REQUEST_BODY_SIZE): Promise<ReadOutcome> {
  const accept = req.headers.get('accept') ?? '';
  if (!accept.includes('application/json') || !accept.includes('text/event-stream')) {
    return fail(406, -32000, 'Not Acceptable: Client must accept both application/json and text/event-stream');
  }
  if (!isJsonContentType(req.headers.get('content-type')))
    return fail(415, -32000, 'Unsupported Media Type: Content-Type must be application/json');
  const body = await readBody(req, maxBytes);
  if (body.tooLarge) return fail(413, -32000, requestBodyTooLargeMessage(maxBytes));
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.text ?? '');
  } catch {
    return fail(400, ErrorCode.ParseError, 'Parse error: Invalid JSON');
  }
  if (exceedsDepth(parsed, MAX_JSON_DEPTH))
    return fail(400, ErrorCode.InvalidRequest, `Invalid Request: JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
  const batch = Array.isArray(parsed);
  const raw = batch ? (parsed as unknown[]) : [parsed];
  if (batch && raw.length === 0) return fail(400, ErrorCode.InvalidRequest, 'Invalid Request: empty batch');
  if (raw.length > MAX_BATCH_SIZE)
    return fail(400, ErrorCode.InvalidRequest, `Invalid Request: Batch must not exceed ${MAX_BATCH_SIZE} messages`);
  const messages: RpcMessage[] = [];
  const invalid = new Map<RpcId, RpcError>();
  for (const m of raw) {
    if (!isMessage(m)) return fail(400, ErrorCode.InvalidRequest, 'Invalid Request: not a JSON-RPC 2.0 message');
    messages.push(m);
    if (m.id !== undefined && typeof m.method === 'string') {
      const problem = paramsProblem(m);
      if (problem)
        invalid.set(m.id, { jsonrpc: '2.0', id: m.id, error: { code: ErrorCode.InvalidParams, message: problem } });
    }
  }
  // As the SDK transport: the header is checked after initialization (initialize negotiates the version in its body).
  const version = req.headers.get('mcp-protocol-version');
  if (
    version !== null &&
    !SUPPORTED_PROTOCOL_VERSIONS.includes(version) &&
    !messages.some((m) => m.method === 'initialize')
  ) {
    return fail(
      400,
      -32000,
      `Bad Request: Unsupported protocol version: ${version.slice(0, 40)} (supported versions: ${SUPPORTED_PROTOCOL_VERSIONS.join(', ')})`,
    );
  }
  return { ok: true, messages, batch, parsed, invalid };
}

/**
 * With a declared Content-Length within the limit, `text()` (which @hono/node-server reads straight from the socket,
 * without a web stream: ~10% of a call's CPU); otherwise the SDK's stream reader, which stops past the limit.
 */
async function readBody(req: Request, maxBytes: number): Promise<{ tooLarge: boolean; text?: string }> {
  const declared = req.headers.get('content-length');
  const length = declared === null ? Number.NaN : Number(declared);
  if (Number.isInteger(length) && length >= 0) {
    if (length > maxBytes) return { tooLarge: true };
    const text = await req.text();
    return Buffer.byteLength(text) > maxBytes ? { tooLarge: true } : { tooLarge: false, text };
  }
  return readRequestBody(req, maxBytes);
}

const fail = (status: number, code: number, message: string): ReadOutcome => ({
  ok: false,
  response: rpcErrorResponse(status, code, message),
});

/** Iterative, so the check itself cannot overflow the stack. */
export function exceedsDepth(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v as Record<string, unknown>)) {
      if (child !== null && typeof child === 'object') stack.push([child, d + 1]);
    }
  }
  return false;
}

function isMessage(m: unknown): m is RpcMessage {
  if (m === null || typeof m !== 'object' || Array.isArray(m)) return false;
  const o = m as Record<string, unknown>;
  if (o.jsonrpc !== '2.0') return false;
  if (o.id !== undefined && typeof o.id !== 'string' && !(typeof o.id === 'number' && Number.isInteger(o.id)))
    return false;
  if (typeof o.method === 'string') return true;
  // A client's response to a server request: valid, and ignored (this server sends none).
  return o.id !== undefined && ('result' in o || 'error' in o);
}

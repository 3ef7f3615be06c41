// MCP over Streamable HTTP at /mcp (stateless, JSON responses, POST only), plus the protected-resource metadata MCP clients look for.
import { Hono } from 'hono';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { CallToolRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { PolicyPort } from '../core/policy.js';
import type { Principal } from '../core/principal.js';
import { bearerAuth } from '../auth/bearer-middleware.js';
import { unavailableReply } from './unavailable-reply.js';
import type { Governance } from '../governance/governance.js';
import type { Authenticate } from '../auth/authenticate.js';
import { createMcpServer } from './mcp-server.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv-provider.js';
import { readJsonRpc, rpcErrorResponse, type RpcError, type RpcMessage } from './json-rpc-input.js';
import { callToolResult } from './tool-calls.js';
import { toolsListCache } from './tools-list-cache.js';

export interface McpHttpDeps {
  governance: Governance;
  policy: PolicyPort;
  authenticate: Authenticate;
  log: Logger;
  /** Public base URL (for resource metadata); defaults to the request's origin. */
  publicUrl?: string;
  /** OAuth authorization servers clients may get tokens from. */
  authorizationServers?: string[];
}

type Env = { Variables: { requestId: string; principal: Principal } };

/** Stateless: no server-initiated stream (GET) and no session to end (DELETE), so SDK clients stop asking at once. */
const methodNotAllowed = () =>
  rpcErrorResponse(405, -32000, 'Method not allowed: this server is stateless; send JSON-RPC messages with POST.', {
    Allow: 'POST',
  });

/** Routes: POST /mcp (GET, DELETE and the rest answer 405) and GET /.well-known/oauth-protected-resource[/mcp]. */
export function mcpRoutes(deps: McpHttpDeps): Hono<Env> {
  const app = new Hono<Env>();
  const validator = new AjvJsonSchemaValidator();
  const toolsList = toolsListCache(deps);
  const base = (reqUrl: string) => deps.publicUrl?.replace(/\/+$/, '') ?? new URL(reqUrl).origin;
  const metadata = (reqUrl: string) => ({
    resource: `${base(reqUrl)}/mcp`,
    authorization_servers: deps.authorizationServers ?? [],
    bearer_methods_supported: ['header'],
    resource_name: 'Warden',
  });
  app.get('/.well-known/oauth-protected-resource', (c) => c.json(metadata(c.req.url)));
  app.get('/.well-known/oauth-protected-resource/mcp', (c) => c.json(metadata(c.req.url)));

  // Stateless Streamable HTTP: only POST carries messages (GET would open a stream that closes at once, and clients re-poll).
  app.use('/mcp', async (c, next) => (c.req.method !== 'POST' ? methodNotAllowed() : next()));
  app.use(
    '/mcp',
    bearerAuth(deps.authenticate, {
      challenge: (c) => `Bearer resource_metadata="${base(c.req.url)}/.well-known/oauth-protected-resource/mcp"`,
      // Credentials could not be checked (store down): a tool call gets an MCP error result with a retry hint.
      onUnavailable: (c, err) => unavailableReply(c.req.raw, err),
    }),
  );

  /** The SDK's server and transport, for whatever the direct path does not answer (initialize, batches, unknown methods). */
  const viaSdk = async (
    req: Request,
    principal: Principal,
    requestId: string,
    parsedBody: unknown,
  ): Promise<Response> => {
    const server = createMcpServer({
      governance: deps.governance,
      policy: deps.policy,
      principal,
      requestId: () => requestId,
      validator,
    });
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    await server.connect(transport);
    try {
      return await transport.handleRequest(req, { parsedBody });
    } finally {
      void server.close();
    }
  };

  app.post('/mcp', async (c) => {
    const input = await readJsonRpc(c.req.raw);
    if (!input.ok) return input.response;
    const principal = c.get('principal');
    const requestId = c.get('requestId');
    const { messages, invalid } = input;
    if (!input.batch) {
      const m = messages[0]!;
      // Notifications (initialized, cancelled) and stray responses change nothing in a stateless server.
      if (m.id === undefined) return new Response(null, { status: 202 });
      const bad = invalid.get(m.id);
      if (bad) return c.json(bad);
      // The calls every session repeats are answered here, without building an SDK server and transport per request.
      if (m.method === 'tools/call') {
        const params = (m as z.infer<typeof CallToolRequestSchema>).params;
        return c.json({ jsonrpc: '2.0', id: m.id, result: await callToolResult(deps, principal, params, requestId) });
      }
      if (m.method === 'tools/list') return c.json({ jsonrpc: '2.0', id: m.id, result: toolsList(principal) });
      if (m.method === 'ping') return c.json({ jsonrpc: '2.0', id: m.id, result: {} });
      return viaSdk(c.req.raw, principal, requestId, input.parsed);
    }
    const valid = messages.filter((m) => m.id === undefined || !invalid.has(m.id));
    const errors = [...invalid.values()];
    if (errors.length === 0) return viaSdk(c.req.raw, principal, requestId, input.parsed);
    // Only notifications left: they change nothing in a stateless server.
    if (!valid.some(isRequest)) return c.json(errors);
    const res = await viaSdk(c.req.raw, principal, requestId, valid);
    if (res.status !== 200) return res;
    const answered = (await res.json()) as unknown;
    return c.json([...(Array.isArray(answered) ? answered : [answered]), ...errors] as (RpcError | unknown)[]);
  });
  return app;
}

const isRequest = (m: RpcMessage): boolean => m.id !== undefined && typeof m.method === 'string';

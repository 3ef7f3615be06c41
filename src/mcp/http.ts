// MCP over Streamable HTTP at /mcp (stateless, JSON responses), plus the protected-resource metadata MCP clients look for.
import { Hono } from 'hono';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { Logger } from 'pino';
import type { PolicyPort } from '../core/policy.js';
import type { Principal } from '../core/principal.js';
import { bearerAuth } from '../auth/bearer-middleware.js';
import { unavailableReply } from './unavailable-reply.js';
import type { Governance } from '../governance/governance.js';
import type { Authenticate } from '../auth/authenticate.js';
import { createMcpServer } from './mcp-server.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv-provider.js';

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

/** Routes: POST/GET/DELETE /mcp and GET /.well-known/oauth-protected-resource[/mcp]. */
export function mcpRoutes(deps: McpHttpDeps): Hono<Env> {
  const app = new Hono<Env>();
  const validator = new AjvJsonSchemaValidator();
  const base = (reqUrl: string) => deps.publicUrl?.replace(/\/+$/, '') ?? new URL(reqUrl).origin;
  const metadata = (reqUrl: string) => ({
    resource: `${base(reqUrl)}/mcp`,
    authorization_servers: deps.authorizationServers ?? [],
    bearer_methods_supported: ['header'],
    resource_name: 'Warden',
  });
  app.get('/.well-known/oauth-protected-resource', (c) => c.json(metadata(c.req.url)));
  app.get('/.well-known/oauth-protected-resource/mcp', (c) => c.json(metadata(c.req.url)));

  app.use('/mcp', bearerAuth(deps.authenticate, {
    challenge: (c) => `Bearer resource_metadata="${base(c.req.url)}/.well-known/oauth-protected-resource/mcp"`,
    // Credentials could not be checked (store down): a tool call gets an MCP error result with a retry hint.
    onUnavailable: (c, err) => unavailableReply(c.req.raw, err),
  }));

  app.all('/mcp', async (c) => {
    const requestId = c.get('requestId');
    const server = createMcpServer({ governance: deps.governance, policy: deps.policy, principal: c.get('principal'), requestId: () => requestId, validator });
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    await server.connect(transport);
    try {
      return await transport.handleRequest(c.req.raw);
    } finally {
      void server.close();
    }
  });
  return app;
}

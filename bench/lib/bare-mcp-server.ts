// A bare MCP SDK server on Warden's transport setup (Hono, stateless Streamable HTTP, JSON responses, a Server per request), no auth, one constant tool.
import { Hono } from 'hono';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv-provider.js';
import { listen, type Listening } from './listen.js';

const CONSTANT = { ok: true };

function createBareServer(toolName: string, jsonSchemaValidator?: AjvJsonSchemaValidator): Server {
  const server = new Server(
    { name: 'bare', version: '0.0.0' },
    { capabilities: { tools: { listChanged: false } }, jsonSchemaValidator },
  );
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: [
      {
        name: toolName,
        description: 'Returns a constant.',
        inputSchema: { type: 'object' as const, properties: { query: { type: 'string' } } },
      },
    ],
  }));
  server.setRequestHandler(CallToolRequestSchema, async () => ({
    content: [{ type: 'text', text: JSON.stringify(CONSTANT) }],
    structuredContent: CONSTANT,
  }));
  return server;
}

/**
 * Starts the bare server with MCP at /mcp; its one tool has the given name so request bodies can be identical to Warden's.
 * `sharedValidator` reuses one Ajv-backed validator across requests instead of the SDK default of a new Ajv per Server.
 */
export function startBareMcpServer(toolName: string, opts: { sharedValidator?: boolean } = {}): Promise<Listening> {
  return listen(bareMcpApp(toolName, opts));
}

/** The bare server's Hono app, for in-process measurements (app.fetch, no socket). */
export function bareMcpApp(toolName: string, { sharedValidator = false } = {}): Hono {
  const validator = sharedValidator ? new AjvJsonSchemaValidator() : undefined;
  const app = new Hono();
  app.all('/mcp', async (c) => {
    const server = createBareServer(toolName, validator);
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    await server.connect(transport);
    try {
      return await transport.handleRequest(c.req.raw);
    } finally {
      void server.close();
    }
  });
  return app;
}

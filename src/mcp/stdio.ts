// MCP over stdio for desktop agents: one principal for the whole process, from configuration.
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { ErrorCode } from '@modelcontextprotocol/sdk/types.js';
import { createMcpServer, type McpServerOptions } from './mcp-server.js';
import { paramsProblem } from './params-check.js';

/** Serves MCP on stdin/stdout until the input closes. Logs must go to stderr. */
export async function serveStdio(opts: McpServerOptions): Promise<{ close(): Promise<void> }> {
  const server = createMcpServer(opts);
  const transport = new StdioServerTransport();
  await server.connect(transport);
  // As over HTTP: a request whose params do not fit its method gets -32602 in one line and runs nothing.
  const deliver = transport.onmessage;
  transport.onmessage = (message) => {
    const m = message as { id?: string | number; method?: string; params?: unknown };
    const problem = m.id !== undefined && typeof m.method === 'string' ? paramsProblem(m) : undefined;
    if (problem === undefined) return deliver?.(message);
    void transport
      .send({ jsonrpc: '2.0', id: m.id!, error: { code: ErrorCode.InvalidParams, message: problem } })
      .catch(() => {}); // stdout closed: the client is gone
  };
  return { close: () => server.close() };
}

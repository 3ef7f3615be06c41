// MCP over stdio for desktop agents: one principal for the whole process, from configuration.
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createMcpServer, type McpServerOptions } from './mcp-server.js';

/** Serves MCP on stdin/stdout until the input closes. Logs must go to stderr. */
export async function serveStdio(opts: McpServerOptions): Promise<{ close(): Promise<void> }> {
  const server = createMcpServer(opts);
  const transport = new StdioServerTransport();
  await server.connect(transport);
  return { close: () => server.close() };
}

// An MCP client linked in memory to a principal-bound Warden MCP server: in-process callers get exactly what external agents get.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { jsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/types.js';
import { createMcpServer, type McpServerOptions } from './mcp-server.js';
export { cachedValidator } from './cached-validator.js';

/** A tool as tools/list shows it (SDK-free shape, so callers need not import the SDK). */
export interface ListedTool {
  name: string;
  title?: string;
  description?: string;
  inputSchema: Record<string, unknown>;
}

/** The outcome of tools/call: `isError` results are tool failures the model can act on. */
export interface CalledTool {
  isError: boolean;
  /** The text content blocks joined (Warden sends JSON text). */
  text: string;
  structuredContent?: Record<string, unknown>;
}

export interface InProcessMcpClient {
  listTools(): Promise<ListedTool[]>;
  callTool(name: string, args: Record<string, unknown>, opts?: { signal?: AbortSignal }): Promise<CalledTool>;
  close(): Promise<void>;
}

/**
 * Creates the server for `opts.principal`, links an SDK client to it and completes the MCP handshake.
 * Pass one `validator` (see cachedValidator) for every connection, or each tools/list recompiles every output schema.
 */
export async function connectInProcess(
  opts: McpServerOptions & { clientName?: string; validator?: jsonSchemaValidator },
): Promise<InProcessMcpClient> {
  const server = createMcpServer(opts);
  const client = new Client(
    { name: opts.clientName ?? 'warden-in-process', version: '1.0.0' },
    opts.validator ? { jsonSchemaValidator: opts.validator } : {},
  );
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  await client.connect(clientSide);
  return {
    async listTools() {
      const out: ListedTool[] = [];
      let cursor: string | undefined;
      do {
        const page = await client.listTools(cursor ? { cursor } : undefined);
        for (const t of page.tools)
          out.push({
            name: t.name,
            title: t.title,
            description: t.description,
            inputSchema: t.inputSchema as Record<string, unknown>,
          });
        cursor = page.nextCursor;
      } while (cursor);
      return out;
    },
    async callTool(name, args, o = {}) {
      const r = await client.callTool({ name, arguments: args }, undefined, { signal: o.signal });
      const blocks = Array.isArray(r.content) ? (r.content as { type: string; text?: string }[]) : [];
      const text = blocks
        .filter((b) => b.type === 'text' && typeof b.text === 'string')
        .map((b) => b.text)
        .join('\n');
      return {
        isError: r.isError === true,
        text,
        structuredContent: r.structuredContent as Record<string, unknown> | undefined,
      };
    },
    async close() {
      await client.close();
      await server.close();
    },
  };
}

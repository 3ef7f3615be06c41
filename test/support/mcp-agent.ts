// An SDK MCP client over real HTTP with a Warden API key, and tool calls reduced to what outage tests compare: ok, or which error code.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

export interface CallOutcome {
  ok: boolean;
  /** The error's `code` for an isError result; `thrown` when the client threw (HTTP error, timeout). */
  code?: string;
  error?: { code: string; message: string; hint?: string; details?: Record<string, unknown> };
  /** For `thrown`: what the client said. */
  thrown?: string;
  structured?: Record<string, unknown>;
  ms: number;
}

/** Connects (initialize) to `<baseUrl>/mcp` with `Authorization: Bearer <key>`. */
export async function connectAgent(baseUrl: string, key: string, name = 'outage-test'): Promise<Client> {
  const client = new Client({ name, version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${baseUrl}/mcp`), {
      requestInit: { headers: { Authorization: `Bearer ${key}` } },
    }),
  );
  return client;
}

/** One tools/call; the SDK's own request timeout (`timeoutMs`) turns a hang into `thrown`. */
export async function callTool(
  client: Client,
  name: string,
  args: Record<string, unknown>,
  timeoutMs = 10_000,
): Promise<CallOutcome> {
  const t0 = performance.now();
  try {
    const r = await client.callTool({ name, arguments: args }, undefined, { timeout: timeoutMs });
    const ms = performance.now() - t0;
    if (!r.isError) return { ok: true, structured: r.structuredContent as Record<string, unknown>, ms };
    const text = (r.content as Array<{ type: string; text?: string }>)[0]?.text ?? '{}';
    const error = (JSON.parse(text) as { error: CallOutcome['error'] }).error!;
    return { ok: false, code: error.code, error, ms };
  } catch (err) {
    return {
      ok: false,
      code: 'thrown',
      thrown: err instanceof Error ? err.message : String(err),
      ms: performance.now() - t0,
    };
  }
}

/** Polls `probe` until it returns true (every `everyMs`), failing after `timeoutMs` with `what`. */
export async function waitFor(
  what: string,
  probe: () => Promise<boolean> | boolean,
  { timeoutMs = 60_000, everyMs = 100 } = {},
): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (
      await Promise.resolve()
        .then(probe)
        .catch(() => false)
    )
      return;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

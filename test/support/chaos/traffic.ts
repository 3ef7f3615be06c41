// Chaos traffic: MCP SDK clients over HTTP, every call recorded with the phase it started in and how it ended.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

export interface CallRecord {
  phase: string;
  what: string;
  outcome: string;
  ms: number;
}

/** Calls by phase; `phase` is what the driver is doing now (faults are phases). */
export class Recorder {
  readonly calls: CallRecord[] = [];
  readonly recovery = new Map<string, number | null>();
  readonly notes = new Map<string, string>();
  private readonly began = new Map<string, number>();
  private current = 'warm-up';

  get phase(): string {
    return this.current;
  }
  set phase(p: string) {
    this.current = p;
    this.began.set(p, Date.now());
  }

  /** How long each phase lasted (until the next began). */
  private durations(): Map<string, number> {
    const starts = [...this.began].sort((a, b) => a[1] - b[1]);
    return new Map(starts.map(([p, t], i) => [p, (starts[i + 1]?.[1] ?? Date.now()) - t]));
  }

  /** A table: per phase, calls, ok, errors by kind, recovery time after the fault. */
  table(): string {
    const phases = [...new Set([...this.began.keys(), ...this.calls.map((c) => c.phase), ...this.recovery.keys()])];
    const took = this.durations();
    const rows = phases.map((p) => {
      const mine = this.calls.filter((c) => c.phase === p);
      const errors = new Map<string, number>();
      for (const c of mine) if (c.outcome !== 'ok') errors.set(c.outcome, (errors.get(c.outcome) ?? 0) + 1);
      const rec = this.recovery.get(p);
      const ms = mine.map((c) => c.ms).sort((a, b) => a - b);
      return [
        p,
        `${Math.round((took.get(p) ?? 0) / 1000)} s`,
        String(mine.length),
        String(mine.length - [...errors.values()].reduce((a, b) => a + b, 0)),
        [...errors].map(([k, n]) => `${k}×${n}`).join(' ') || '-',
        ms.length ? String(ms[Math.floor(ms.length * 0.99)] ?? ms.at(-1)) : '-',
        rec === undefined ? '-' : rec === null ? 'never' : `${rec} ms`,
        this.notes.get(p) ?? '',
      ];
    });
    const head = ['phase', 'took', 'calls', 'ok', 'errors by kind', 'p99 ms', 'recovery', 'note'];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const fmt = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
    return [fmt(head), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(fmt)].join('\n');
  }
}

/** How a failed call ended: `tool:<code>` for a tool error, `http:<status>`, `timeout`, or `network`. */
export function errorKind(err: unknown): string {
  const e = err as { code?: unknown; name?: string; message?: string; cause?: unknown };
  if (typeof e.code === 'number' && e.code >= 400) return `http:${e.code}`;
  if (e.code === -32001 || /timed? ?out/i.test(e.message ?? '')) return 'timeout';
  const m = /HTTP (\d{3})/.exec(e.message ?? '');
  if (m) return `http:${m[1]}`;
  if (e.name === 'TypeError' || /fetch failed|ECONNRE|socket|terminated/i.test(e.message ?? '')) return 'network';
  return `error:${e.name ?? 'unknown'}`;
}

/** The tool error code in an isError result (`{"error":{"code":…}}`), or `unknown`. */
export function toolErrorCode(res: { content?: unknown }): {
  code: string;
  message: string;
  details?: Record<string, unknown>;
} {
  const text =
    (res.content as Array<{ type: string; text?: string }> | undefined)?.find((c) => c.type === 'text')?.text ?? '';
  try {
    const e = (JSON.parse(text) as { error?: { code?: string; message?: string; details?: Record<string, unknown> } })
      .error;
    return { code: e?.code ?? 'unknown', message: e?.message ?? text, details: e?.details };
  } catch {
    return { code: 'unknown', message: text };
  }
}

export type CallResult =
  | { ok: true; output: Record<string, unknown> }
  | { ok: false; kind: string; code?: string; message?: string; details?: Record<string, unknown> };

/** One MCP client (an agent) over HTTP; reconnects after a transport failure. Each call is bounded by `timeoutMs`. */
export class Agent {
  private client: Client | null = null;
  constructor(
    private readonly url: string,
    private readonly key: string,
    private readonly rec: Recorder,
    private readonly timeoutMs = 15_000,
  ) {}

  async call(tool: string, args: Record<string, unknown>): Promise<CallResult> {
    const phase = this.rec.phase;
    const t0 = performance.now();
    const done = (outcome: string) =>
      this.rec.calls.push({ phase, what: tool, outcome, ms: Math.round(performance.now() - t0) });
    try {
      if (!this.client) {
        const c = new Client({ name: 'chaos', version: '1' });
        await c.connect(
          new StreamableHTTPClientTransport(new URL(`${this.url}/mcp`), {
            requestInit: { headers: { Authorization: `Bearer ${this.key}` } },
          }),
          { timeout: this.timeoutMs },
        );
        this.client = c;
      }
      const res = await this.client.callTool({ name: tool, arguments: args }, undefined, { timeout: this.timeoutMs });
      if (res.isError) {
        const e = toolErrorCode(res as { content?: unknown });
        done(`tool:${e.code}`);
        return { ok: false, kind: `tool:${e.code}`, ...e };
      }
      done('ok');
      return { ok: true, output: (res.structuredContent ?? {}) as Record<string, unknown> };
    } catch (err) {
      const kind = errorKind(err);
      done(kind);
      await this.reset();
      return { ok: false, kind, message: (err as Error).message };
    }
  }

  async reset(): Promise<void> {
    const c = this.client;
    this.client = null;
    await c?.close().catch(() => {});
  }
}

/** One-off: does this replica answer an authenticated tool call (auth and the call both read the store)? */
export async function answers(url: string, key: string, timeoutMs = 8_000): Promise<boolean> {
  const a = new Agent(url, key, new Recorder(), timeoutMs);
  try {
    return (await a.call('lookup_user', { query: 'ayesha.nwosu@acme.example' })).ok;
  } finally {
    await a.reset();
  }
}

// The downstream SCIM app for tests: the scimmy-built memory app on a loopback port, with a fault switch (429, 5xx, 4xx, slow).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createScimMemoryApp, type ScimMemoryApp } from '../../../src/connectors/demo/scim-memory-app.js';

export interface Faults {
  /** The next N requests (matching `match`, default all) answer 429 with this Retry-After (seconds). */
  rateLimit?: { times: number; retryAfterSeconds: number; match?: RegExp };
  /** The next N requests answer this 5xx status. */
  serverError?: { times: number; status?: number; match?: RegExp };
  /** The next N matching requests are refused with this 4xx status and detail, as the app's SCIM error. */
  refuse?: { times: number; status: number; detail: string; match?: RegExp };
  /** The next N matching requests are processed, then answered 502 as if the response was lost on the way back. */
  loseResponse?: { times: number; match?: RegExp };
  /** Called after the app has processed a request and before its answer is sent (tests kill a client here). */
  afterHandle?: (line: string) => void;
  /** Every request waits this long first. */
  slowMs?: number;
}

export interface TestScimApp {
  url: string;
  app: ScimMemoryApp;
  faults: Faults;
  /** Every request seen, as "METHOD /path?query" (after faults). */
  log: string[];
  close(): Promise<void>;
}

/** Starts the app on 127.0.0.1 (a free port). `token` is required as `Authorization: Bearer` when given. */
export async function startScimApp(opts: { token?: string } = {}): Promise<TestScimApp> {
  const app = createScimMemoryApp({ token: opts.token });
  const faults: Faults = {};
  const log: string[] = [];
  const server: Server = createServer((req, res) => {
    void (async () => {
      const line = `${req.method} ${req.url}`;
      log.push(line);
      if (faults.slowMs) await new Promise((r) => setTimeout(r, faults.slowMs));
      const rl = faults.rateLimit;
      if (rl && rl.times > 0 && (!rl.match || rl.match.test(line))) {
        rl.times--;
        res.writeHead(429, { 'retry-after': String(rl.retryAfterSeconds), 'content-type': 'application/scim+json' });
        res.end(
          JSON.stringify({
            schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
            status: '429',
            detail: 'Too many requests',
          }),
        );
        return;
      }
      const se = faults.serverError;
      if (se && se.times > 0 && (!se.match || se.match.test(line))) {
        se.times--;
        res.writeHead(se.status ?? 503, { 'content-type': 'application/scim+json' });
        res.end(
          JSON.stringify({
            schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
            status: String(se.status ?? 503),
            detail: 'Service temporarily unavailable',
          }),
        );
        return;
      }
      const rf = faults.refuse;
      if (rf && rf.times > 0 && (!rf.match || rf.match.test(line))) {
        rf.times--;
        res.writeHead(rf.status, { 'content-type': 'application/scim+json' });
        res.end(
          JSON.stringify({
            schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
            status: String(rf.status),
            detail: rf.detail,
          }),
        );
        return;
      }
      const body = await readBody(req);
      const r = await app.handle(
        new Request(`http://127.0.0.1${req.url}`, {
          method: req.method,
          headers: req.headers as Record<string, string>,
          body: body.length ? new Uint8Array(body) : undefined,
        }),
      );
      faults.afterHandle?.(line);
      const lr = faults.loseResponse;
      if (lr && lr.times > 0 && (!lr.match || lr.match.test(line))) {
        lr.times--;
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end('Bad gateway');
        return;
      }
      res.writeHead(r.status, Object.fromEntries(r.headers));
      res.end(Buffer.from(await r.arrayBuffer()));
    })().catch(() => {
      res.statusCode = 500;
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}/scim/v2`,
    app,
    faults,
    log,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

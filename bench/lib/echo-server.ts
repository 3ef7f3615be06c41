// The floor: a plain Hono route that parses a JSON body and answers it back as JSON.
import { Hono } from 'hono';
import { listen, type Listening } from './listen.js';

/** Starts the echo server with its route at /mcp, so the load generator's URL shape matches the others. */
export function startEchoServer(): Promise<Listening> {
  return listen(echoApp());
}

/** The echo route's Hono app, for in-process measurements. */
export function echoApp(): Hono {
  const app = new Hono();
  app.post('/mcp', async (c) => {
    const req = (await c.req.json()) as { id?: unknown };
    return c.json({ jsonrpc: '2.0', id: req.id ?? null, result: { echo: req } });
  });
  return app;
}

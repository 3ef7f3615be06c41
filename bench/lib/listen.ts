// Serves a Hono app on 127.0.0.1 (port 0 unless given) and returns its base URL and a close function.
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';

export interface Listening {
  url: string;
  close(): Promise<void>;
}

/** Listens with @hono/node-server, the same adapter Warden's startHttp uses. */
export function listen(app: Hono, port = 0): Promise<Listening> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port }, (info) => {
      resolve({ url: `http://127.0.0.1:${info.port}`, close: () => new Promise<void>((r) => server.close(() => r())) });
    });
  });
}

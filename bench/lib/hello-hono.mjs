// The baseline for bench/startup.ts: a bare Hono hello-world on @hono/node-server, on the port in argv[2].
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
app.get('/readyz', (c) => c.json({ ok: true }));
serve({ fetch: app.fetch, hostname: '127.0.0.1', port: Number(process.argv[2]) });

// Static assets (CSS and the small vanilla scripts) read once at start, served with content hashes so browsers cache them for good.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';

const FILES = {
  'app.css': 'text/css; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'chat.js': 'text/javascript; charset=utf-8',
} as const;
type Name = keyof typeof FILES;

export interface Assets {
  routes: Hono;
  urls: { css: string; js: string; chat: string };
}

export function createAssets(): Assets {
  const files = new Map<string, { body: string; type: string; hash: string }>();
  for (const [name, type] of Object.entries(FILES)) {
    const body = readFileSync(new URL(`./assets/${name}`, import.meta.url), 'utf8');
    files.set(name, { body, type, hash: createHash('sha256').update(body).digest('hex').slice(0, 12) });
  }
  const url = (n: Name) => `/assets/${n}?v=${files.get(n)!.hash}`;
  const routes = new Hono();
  routes.get('/assets/:name', (c) => {
    const f = files.get(c.req.param('name'));
    if (!f) return c.notFound();
    const etag = `"${f.hash}"`;
    c.header('Content-Type', f.type);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('ETag', etag);
    c.header('Cache-Control', c.req.query('v') === f.hash ? 'public, max-age=31536000, immutable' : 'no-cache');
    if (c.req.header('if-none-match') === etag) return c.body(null, 304);
    return c.body(f.body);
  });
  return { routes, urls: { css: url('app.css'), js: url('app.js'), chat: url('chat.js') } };
}

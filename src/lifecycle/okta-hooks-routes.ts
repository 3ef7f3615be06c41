// /hooks/okta: Okta's one-time verification challenge, and event deliveries (shared secret, zod envelope, async processing).
import { timingSafeEqual, createHash } from 'node:crypto';
import { Hono } from 'hono';
import type { Logger } from 'pino';
import type { Store } from '../core/store.js';
import { acceptEvents } from './event-intake.js';
import { EnvelopeSchema, toDirectoryEvent } from './okta-event.js';

export interface OktaHooksDeps {
  store: Store;
  log: Logger;
  /** The value Okta sends in the Authorization header (the hook's authScheme value). */
  secret: string;
  /** Hold each event back this long so out-of-order deliveries can be sorted (default 1 s). */
  reorderDelayMs?: number;
  /** Called after events are queued (wakes the job runner in this process). */
  onQueued?: () => void;
  /** Largest body accepted (default 5 MB). */
  maxBytes?: number;
}

/** Compares digests, so neither the length nor the content of the secret leaks through timing. */
export function secretMatches(given: string | undefined, secret: string): boolean {
  const d = (s: string) => createHash('sha256').update(s).digest();
  return given !== undefined && secret.length > 0 && timingSafeEqual(d(given), d(secret));
}

/** The sub-app; mount it with `app.route('/hooks/okta', oktaHooksRoutes(deps))`. */
export function oktaHooksRoutes(deps: OktaHooksDeps): Hono {
  const app = new Hono();
  const log = deps.log.child({ component: 'okta-hooks' });

  app.get('/', (c) => {
    const challenge = c.req.header('x-okta-verification-challenge');
    if (!challenge) return c.json({ error: 'missing x-okta-verification-challenge' }, 400);
    if (!secretMatches(c.req.header('authorization'), deps.secret)) {
      log.warn({ reason: 'bad-secret' }, 'okta hook verification refused: wrong or missing Authorization secret');
      return c.json({ error: 'unauthorized' }, 401);
    }
    log.info('okta event hook verified');
    return c.json({ verification: challenge });
  });

  app.post('/', async (c) => {
    if (!secretMatches(c.req.header('authorization'), deps.secret)) {
      log.warn({ reason: 'bad-secret' }, 'okta hook delivery refused: wrong or missing Authorization secret');
      return c.json({ error: 'unauthorized' }, 401);
    }
    const text = await c.req.text();
    if (text.length > (deps.maxBytes ?? 5_000_000)) {
      log.warn({ reason: 'too-large', bytes: text.length }, 'okta hook delivery refused: body too large');
      return c.json({ error: 'payload too large' }, 413);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const parsed = EnvelopeSchema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      log.warn(
        { reason: 'malformed', path: issue?.path.join('.'), problem: issue?.message },
        'okta hook delivery refused: malformed envelope',
      );
      return c.json({ error: 'malformed event hook envelope', path: issue?.path.join('.') }, 400);
    }
    const events = parsed.data.data.events.map(toDirectoryEvent);
    const r = await acceptEvents(deps.store, events, { source: 'okta-hook', delayMs: deps.reorderDelayMs });
    if (r.replayed.length)
      log.info(
        { reason: 'replayed', eventIds: r.replayed.slice(0, 20), count: r.replayed.length },
        'okta hook: replayed events accepted and ignored',
      );
    log.debug({ accepted: r.accepted, envelope: parsed.data.eventId }, 'okta hook delivery queued');
    if (r.accepted) deps.onQueued?.();
    return c.body(null, 200);
  });
  return app;
}

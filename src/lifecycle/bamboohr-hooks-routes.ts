// /hooks/bamboohr: HMAC-checked BambooHR webhooks (field- or event-based) become hr.fetch jobs; replays are ignored.
import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Store } from '../core/store.js';
import { verifyBambooSignature } from '../hr/bamboohr/signature.js';
import { fetchJob } from './hr-sync.js';

export interface BambooHooksDeps {
  store: Store;
  log: Logger;
  /** The webhook's private key (HMAC-SHA256). */
  key: string;
  toleranceSeconds?: number;
  now?: () => Date;
  onQueued?: () => void;
}

const Id = z
  .union([z.string(), z.number()])
  .transform(String)
  .pipe(z.string().regex(/^\d{1,12}$/));
const FieldBased = z
  .object({
    employees: z
      .array(z.object({ id: Id }).loose())
      .min(1)
      .max(10_000),
  })
  .loose();
const EventBased = z.object({ type: z.string(), data: z.object({ employeeId: Id }).loose() }).loose();

/** The sub-app; mount it with `app.route('/hooks/bamboohr', bambooHooksRoutes(deps))`. */
export function bambooHooksRoutes(deps: BambooHooksDeps): Hono {
  const app = new Hono();
  const log = deps.log.child({ component: 'bamboohr-hooks' });
  app.post('/', async (c) => {
    const raw = await c.req.text();
    const timestamp = c.req.header('x-bamboohr-timestamp') ?? '';
    const signature = c.req.header('x-bamboohr-signature') ?? '';
    if (
      !verifyBambooSignature({
        rawBody: raw,
        timestamp,
        signature,
        key: deps.key,
        now: deps.now?.(),
        toleranceSeconds: deps.toleranceSeconds,
      })
    ) {
      log.warn(
        { reason: 'bad-signature', hasSignature: !!signature, hasTimestamp: !!timestamp },
        'bamboohr webhook refused: signature or timestamp invalid',
      );
      return c.json({ error: 'invalid signature' }, 401);
    }
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      body = undefined;
    }
    const fields = FieldBased.safeParse(body);
    const event = fields.success ? undefined : EventBased.safeParse(body);
    if (!fields.success && !event?.success) {
      log.warn({ reason: 'malformed' }, 'bamboohr webhook refused: payload is neither field-based nor event-based');
      return c.json({ error: 'malformed webhook payload' }, 400);
    }
    const ids: string[] = fields.success ? fields.data.employees.map((e) => e.id) : [event!.data!.data.employeeId];
    const digest = createHash('sha256').update(raw).update(timestamp).digest('hex');
    const fresh = await deps.store.withTransaction(async (tx) => {
      if (!(await tx.markEventProcessed(`bamboohr:${digest}`, 'bamboohr-hook'))) return false;
      for (const id of new Set(ids)) await tx.enqueueJob(fetchJob(id, `hook:${digest.slice(0, 16)}`));
      return true;
    });
    if (!fresh) {
      log.info(
        { reason: 'replayed', digest: digest.slice(0, 16) },
        'bamboohr webhook: replayed delivery accepted and ignored',
      );
      return c.body(null, 200);
    }
    deps.onQueued?.();
    return c.body(null, 200);
  });
  return app;
}

// /api/v1/eventHooks: registration, verification (GET challenge to the hook URL), and at-least-once delivery with faults on demand.
import { Hono } from 'hono';
import { randomUUID } from 'node:crypto';
import type { Emu, EmuEnv } from './context.js';
import { notFound, oktaError } from './errors.js';
import { toLogEvent } from './logs.js';
import { nowIso, oktaId, type StoredEvent } from './state.js';

export interface EventHook {
  id: string;
  name: string;
  status: 'ACTIVE' | 'INACTIVE';
  verificationStatus: 'UNVERIFIED' | 'VERIFIED';
  events: { type: 'EVENT_TYPE'; items: string[] };
  channel: {
    type: 'HTTP';
    version: string;
    config: {
      uri: string;
      headers?: Array<{ key: string; value: string }>;
      authScheme?: { type: 'HEADER'; key: string; value: string };
    };
  };
  created: string;
  lastUpdated: string;
}

export interface HookDeliveryOptions {
  /** Send every envelope twice (at-least-once). */
  duplicate?: boolean;
  /** Send each event alone, newest first within a batch (out of order). */
  reorder?: boolean;
  /** Collect events this long before sending a batch (default 5 ms). */
  batchMs?: number;
  /** Hold deliveries (Okta can lag by seconds); events queue until this is set back to false. */
  hold?: boolean;
}

export interface HookDelivery {
  hookId: string;
  eventIds: string[];
  status: number | 'timeout' | 'error';
  attempt: number;
}

export interface HookController {
  hooks: Map<string, EventHook>;
  deliveries: HookDelivery[];
  configure(opts: HookDeliveryOptions): void;
  /** Resolves once every event appended so far has been delivered (or given up on). */
  flush(): Promise<void>;
}

const TIMEOUT_MS = 3_000;

async function post(url: string, init: RequestInit): Promise<number | 'timeout' | 'error'> {
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
    await res.arrayBuffer();
    return res.status;
  } catch (err) {
    return (err as Error).name === 'TimeoutError' ? 'timeout' : 'error';
  }
}

/** Starts listening to the emulator's events and returns the routes plus a controller for tests. */
export function eventHooks(emu: Emu): { routes: Hono<EmuEnv>; controller: HookController } {
  const hooks = new Map<string, EventHook>();
  const deliveries: HookDelivery[] = [];
  let opts: HookDeliveryOptions = {};
  let pending: StoredEvent[] = [];
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();

  const headersOf = (h: EventHook): Record<string, string> => ({
    'Content-Type': 'application/json',
    ...Object.fromEntries((h.channel.config.headers ?? []).map((x) => [x.key, x.value])),
    ...(h.channel.config.authScheme ? { [h.channel.config.authScheme.key]: h.channel.config.authScheme.value } : {}),
  });

  async function deliver(h: EventHook, events: StoredEvent[]): Promise<void> {
    const body = JSON.stringify({
      eventType: 'com.okta.event_hook',
      eventTypeVersion: '1.0',
      cloudEventsVersion: '0.1',
      contentType: 'application/json',
      eventId: randomUUID(),
      eventTime: nowIso(),
      source: `${emu.url}/api/v1/eventHooks/${h.id}`,
      data: {
        events: events.map((e) => ({
          ...toLogEvent(e),
          debugContext: {
            debugData: {
              ...((e.extra.debugContext as { debugData?: object })?.debugData ?? {}),
              targetEventHookIds: h.id,
            },
          },
        })),
      },
    });
    for (let attempt = 1; attempt <= 2; attempt++) {
      const status = await post(h.channel.config.uri, { method: 'POST', headers: headersOf(h), body });
      deliveries.push({ hookId: h.id, eventIds: events.map((e) => e.uuid), status, attempt });
      // A timeout or 5xx is retried once; a 4xx is not.
      if (typeof status === 'number' && status < 500) return;
    }
  }

  function send(): void {
    timer = undefined;
    const batch = pending;
    pending = [];
    const work = async () => {
      for (const h of hooks.values()) {
        if (h.status !== 'ACTIVE' || h.verificationStatus !== 'VERIFIED') continue;
        const mine = batch.filter((e) => h.events.items.includes(e.eventType));
        if (mine.length === 0) continue;
        const envelopes = opts.reorder ? [...mine].reverse().map((e) => [e]) : [mine];
        for (const env of envelopes) {
          await deliver(h, env);
          if (opts.duplicate) await deliver(h, env);
        }
      }
    };
    inFlight = inFlight.then(work, work);
  }

  const schedule = () => {
    if (!opts.hold && pending.length) timer ??= setTimeout(send, opts.batchMs ?? 5);
  };
  emu.state.listeners.push((e) => {
    pending.push(e);
    schedule();
  });

  const routes = new Hono<EmuEnv>();
  routes.post('/', async (c) => {
    let body: Partial<EventHook>;
    try {
      body = await c.req.json();
    } catch {
      return oktaError(c, 400, 'E0000003');
    }
    const uri = body.channel?.config?.uri;
    if (!body.name || !uri || !Array.isArray(body.events?.items) || body.events.items.length === 0)
      return oktaError(c, 400, 'E0000001', 'name, events.items and channel.config.uri are required');
    if (body.events.items.length > 300) return oktaError(c, 400, 'E0000001', 'events: at most 300 event types');
    const now = nowIso();
    const hook: EventHook = {
      id: oktaId('who'),
      name: body.name,
      status: 'ACTIVE',
      verificationStatus: 'UNVERIFIED',
      created: now,
      lastUpdated: now,
      events: { type: 'EVENT_TYPE', items: [...body.events.items] },
      channel: { type: 'HTTP', version: '1.0.0', config: { ...body.channel!.config } },
    };
    hooks.set(hook.id, hook);
    return c.json(hook);
  });
  routes.get('/', (c) => c.json([...hooks.values()]));
  routes.get('/:id', (c) => {
    const h = hooks.get(c.req.param('id'));
    return h ? c.json(h) : notFound(c, c.req.param('id'), 'AppInstance');
  });
  routes.delete('/:id', (c) =>
    hooks.delete(c.req.param('id')) ? c.body(null, 204) : notFound(c, c.req.param('id'), 'AppInstance'),
  );
  routes.post('/:id/lifecycle/:op', async (c) => {
    const h = hooks.get(c.req.param('id'));
    if (!h) return notFound(c, c.req.param('id'), 'AppInstance');
    const op = c.req.param('op');
    if (op === 'activate' || op === 'deactivate') {
      h.status = op === 'activate' ? 'ACTIVE' : 'INACTIVE';
      return c.json(h);
    }
    if (op !== 'verify') return oktaError(c, 404, 'E0000007', `${op} (Operation)`);
    const challenge = randomUUID();
    for (let attempt = 1; attempt <= 2; attempt++) {
      try {
        const res = await fetch(h.channel.config.uri, {
          headers: { ...headersOf(h), 'x-okta-verification-challenge': challenge },
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
        const json = (await res.json().catch(() => ({}))) as { verification?: unknown };
        if (res.ok && json.verification === challenge) {
          h.verificationStatus = 'VERIFIED';
          return c.json(h);
        }
      } catch {
        /* retried once */
      }
    }
    return oktaError(c, 400, 'E0000001', 'Event hook verification failed');
  });

  const controller: HookController = {
    hooks,
    deliveries,
    configure: (o) => {
      opts = { ...opts, ...o };
      schedule();
    },
    async flush() {
      for (let i = 0; i < 100 && (pending.length || timer); i++)
        await new Promise((r) => setTimeout(r, (opts.batchMs ?? 5) + 1));
      await inFlight;
    },
  };
  return { routes, controller };
}

// /hooks/okta and /hooks/bamboohr: verification, wrong secret, wrong HMAC, malformed envelope, replays — each with a clear log line, nothing applied twice.
import { createHmac, randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { lifecycleWarden } from './support.js';

const SECRET = 'hook-secret-0123456789';
const KEY = 'bamboo-webhook-key';

const event = (over: Record<string, unknown> = {}) => ({
  uuid: randomUUID(),
  published: new Date().toISOString(),
  eventType: 'user.session.start',
  displayMessage: 'User login',
  severity: 'INFO',
  actor: { id: '00uX', type: 'User', alternateId: 'x@acme.example', displayName: 'X' },
  target: [{ id: '00uX', type: 'User', alternateId: 'x@acme.example', displayName: 'X' }],
  outcome: { result: 'SUCCESS' },
  ...over,
});
const envelope = (events: unknown[]) => ({
  eventType: 'com.okta.event_hook',
  eventTypeVersion: '1.0',
  cloudEventsVersion: '0.1',
  eventId: randomUUID(),
  data: { events },
});

describe('Okta event hook endpoint', () => {
  let w: Awaited<ReturnType<typeof lifecycleWarden>>;
  afterEach(async () => w?.close());
  const app = () => w.lifecycle.routes[0]!;
  const post = (body: unknown, auth = SECRET) =>
    app().request('/hooks/okta', {
      method: 'POST',
      headers: { Authorization: auth, 'Content-Type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('answers the verification challenge only with the right secret', async () => {
    w = await lifecycleWarden({ lifecycle: { oktaHookSecret: SECRET } });
    const ok = await app().request('/hooks/okta', {
      headers: { 'x-okta-verification-challenge': 'abc123', Authorization: SECRET },
    });
    expect(await ok.json()).toEqual({ verification: 'abc123' });
    const bad = await app().request('/hooks/okta', {
      headers: { 'x-okta-verification-challenge': 'abc123', Authorization: 'nope' },
    });
    expect(bad.status).toBe(401);
  });

  it('rejects a wrong secret (401) and a malformed envelope (400) with a log line, queuing nothing', async () => {
    w = await lifecycleWarden({ lifecycle: { oktaHookSecret: SECRET } });
    expect((await post(envelope([event()]), 'wrong-secret')).status).toBe(401);
    expect((await post(envelope([event()]), '')).status).toBe(401);
    expect(w.logLines.join('')).toMatch(/okta hook delivery refused: wrong or missing Authorization secret/);
    expect((await post('{not json')).status).toBe(400);
    expect((await post({ eventType: 'com.okta.event_hook', data: { events: [{ uuid: 'x' }] } })).status).toBe(400);
    expect((await post(envelope([]))).status).toBe(400);
    expect(w.logLines.join('')).toMatch(
      /okta hook delivery refused: malformed envelope.*"path":"data.events.0.published"|"path":"data.events.0.published".*malformed envelope/,
    );
    expect((await w.store.countJobs()).queued).toBe(0);
  });

  it('accepts a replayed event (200) but queues it once, and logs the replay', async () => {
    w = await lifecycleWarden({ lifecycle: { oktaHookSecret: SECRET } });
    const e = event();
    expect((await post(envelope([e]))).status).toBe(200);
    expect((await post(envelope([e, e]))).status).toBe(200);
    expect(await w.store.listJobs({ kind: 'okta.event' })).toHaveLength(1);
    expect(w.logLines.join('')).toMatch(/replayed events accepted and ignored/);
  });
});

describe('BambooHR webhook endpoint', () => {
  let w: Awaited<ReturnType<typeof lifecycleWarden>>;
  afterEach(async () => w?.close());
  const sign = (raw: string, ts: string, key = KEY) => createHmac('sha256', key).update(raw).update(ts).digest('hex');
  const send = (raw: string, ts: string, sig: string) =>
    w.lifecycle.routes.at(-1)!.request('/hooks/bamboohr', {
      method: 'POST',
      headers: { 'X-BambooHR-Timestamp': ts, 'X-BambooHR-Signature': sig, 'Content-Type': 'application/json' },
      body: raw,
    });

  it('checks the HMAC, ignores replays, and turns each employee into one hr.fetch job', async () => {
    w = await lifecycleWarden({ lifecycle: { bambooWebhookKey: KEY } });
    const raw = JSON.stringify({
      employees: [
        { id: '123', action: 'Updated', changedFields: ['department'] },
        { id: '124', action: 'Updated' },
      ],
    });
    const ts = String(Math.floor(Date.now() / 1000));
    expect((await send(raw, ts, sign(raw, ts, 'other-key'))).status).toBe(401);
    expect(
      (
        await send(
          raw,
          String(Math.floor(Date.now() / 1000) - 3600),
          sign(raw, String(Math.floor(Date.now() / 1000) - 3600)),
        )
      ).status,
    ).toBe(401);
    expect(w.logLines.join('')).toMatch(/bamboohr webhook refused: signature or timestamp invalid/);
    expect((await send(raw, ts, sign(raw, ts))).status).toBe(200);
    expect((await send(raw, ts, sign(raw, ts))).status).toBe(200);
    expect(w.logLines.join('')).toMatch(/bamboohr webhook: replayed delivery accepted and ignored/);
    expect((await w.store.listJobs({ kind: 'hr.fetch' })).map((j) => j.payload.employeeId).sort()).toEqual([
      '123',
      '124',
    ]);
    const bad = JSON.stringify({ hello: 'world' });
    expect((await send(bad, ts, sign(bad, ts))).status).toBe(400);
    const eventBased = JSON.stringify({
      type: 'employee.updated',
      timestamp: new Date().toISOString(),
      data: { companyId: '1', employeeId: '125', changedFields: ['jobTitle'] },
    });
    expect((await send(eventBased, ts, sign(eventBased, ts))).status).toBe(200);
    expect(await w.store.listJobs({ kind: 'hr.fetch' })).toHaveLength(3);
  });
});

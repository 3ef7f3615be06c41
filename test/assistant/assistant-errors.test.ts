// When the model cannot be used: a down endpoint, a bad key, or no configuration give one clear error event and leak nothing.
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { createAssistant, NOT_CONFIGURED } from '../../src/assistant/index.js';
import type { AssistantEvent } from '../../src/assistant/types.js';
import { createTestWarden } from '../support/harness.js';
import { startRig, HELPDESK } from './support.js';

let rig: Awaited<ReturnType<typeof startRig>> | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

/** A loopback port nothing listens on. */
async function deadPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

const noLeaks = (events: AssistantEvent[], secret: string) => {
  const text = JSON.stringify(events);
  expect(text).not.toContain(secret);
  expect(text).not.toMatch(/at .*\.(ts|js):\d+|node_modules/);
};

describe('assistant errors', () => {
  it('yields one clean error event when the model endpoint is down', async () => {
    const port = await deadPort();
    rig = await startRig({ model: { baseURL: `http://127.0.0.1:${port}/v1`, apiKey: 'sk-secret-down-1234' } });
    const events = await rig.run('Hello?');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'error' });
    expect((events[0] as { message: string }).message).toMatch(
      new RegExp(`127\\.0\\.0\\.1:${port} could not be reached.*OPENAI_BASE_URL`),
    );
    noLeaks(events, 'sk-secret-down-1234');
    expect(rig.w.logLines.join('')).not.toContain('sk-secret-down-1234');
  });

  it('says the key was rejected, without echoing it', async () => {
    rig = await startRig({ model: { apiKey: 'sk-wrong-key-98765' } });
    const events = await rig.run('Hello?');
    expect(events).toEqual([
      { type: 'error', message: expect.stringMatching(/rejected the API key \(HTTP 401\).*OPENAI_API_KEY/) },
    ]);
    noLeaks(events, 'sk-wrong-key-98765');
  });

  it('names the model when the endpoint does not know it', async () => {
    rig = await startRig({
      chat: { turns: [{ status: 404, error: 'The model `nope` does not exist' }] },
      model: { model: 'nope' },
    });
    const events = await rig.run('Hello?');
    expect(events).toEqual([
      { type: 'error', message: expect.stringMatching(/does not know model "nope".*WARDEN_CHAT_MODEL/) },
    ]);
  });

  it('explains how to configure a model when none is configured', async () => {
    const w = await createTestWarden();
    try {
      const assistant = createAssistant({ governance: w.governance, policy: w.policy, log: pino({ level: 'silent' }) });
      expect(assistant.configured).toBe(false);
      const events: AssistantEvent[] = [];
      for await (const e of assistant.turn({
        person: { id: 'x', login: HELPDESK },
        conversation: [{ role: 'user', content: 'hi' }],
      }))
        events.push(e);
      expect(events).toEqual([{ type: 'error', message: NOT_CONFIGURED }]);
      for (const v of ['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'WARDEN_CHAT_MODEL']) expect(NOT_CONFIGURED).toContain(v);
    } finally {
      await w.close();
    }
  });

  it('stops quietly when the turn is aborted mid-stream', async () => {
    rig = await startRig({ chat: { turns: [{ text: 'x'.repeat(400), chunkSize: 4, delayMs: 5 }] } });
    const ac = new AbortController();
    const events: AssistantEvent[] = [];
    for await (const e of rig.assistant.turn({
      person: rig.person,
      conversation: [{ role: 'user', content: 'long answer please' }],
      signal: ac.signal,
    })) {
      events.push(e);
      if (events.length === 3) ac.abort();
    }
    expect(events.length).toBeLessThan(10);
    expect(events.some((e) => e.type === 'done' || e.type === 'error')).toBe(false);
  });
});

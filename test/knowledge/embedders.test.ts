// Embedders: OpenAI-compatible endpoint (batching, retries, safe errors), hybrid search with it, and refusal to mix embedders in one index.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai.js';
import { openAIEmbedder, openAIEmbedderId } from '../../src/knowledge/embedders/openai.js';
import { openKnowledgeBase } from '../../src/knowledge/index.js';
import { isAppError } from '../../src/core/errors.js';
import { ACME_KB, tempDir } from './support.js';

const tmp = tempDir('embed');
let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: 'sk-test', dimensions: 32 });
});
afterAll(async () => {
  await fake.close();
  tmp.cleanup();
});

const catchErr = async (p: Promise<unknown>): Promise<any> =>
  p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );

describe('openAIEmbedder', () => {
  it('embeds in input order, in batches, asking for float vectors', async () => {
    fake.calls.length = 0;
    const e = openAIEmbedder({ apiKey: 'sk-test', baseURL: fake.baseURL, model: 'nomic-embed-text', batchSize: 3 });
    const texts = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta'];
    const vs = await e.embed(texts, 'document');
    expect(vs).toHaveLength(7);
    expect(vs.every((v) => v instanceof Float32Array && v.length === 32)).toBe(true);
    const [again] = await e.embed(['delta'], 'query');
    expect(Array.from(again!)).toEqual(Array.from(vs[3]!));
    expect(e.dimensions).toBe(32);
    const batches = fake.calls.filter((c) => c.path === '/v1/embeddings');
    expect(batches.map((c) => c.body.input.length)).toEqual([3, 3, 1, 1]);
    expect(batches[0]!.body).toMatchObject({ model: 'nomic-embed-text', encoding_format: 'float' });
  });

  it('retries 5xx and 429 answers, then succeeds', async () => {
    const flaky = await startFakeOpenAI({ failures: [{ status: 500 }, { status: 429 }, { status: 503 }] });
    const e = openAIEmbedder({ apiKey: 'k', baseURL: flaky.baseURL, model: 'm', maxRetries: 4 });
    expect(await e.embed(['x'], 'query')).toHaveLength(1);
    expect(flaky.calls).toHaveLength(4);
    await flaky.close();
  });

  it.each([
    [
      'an upstream that keeps failing',
      [{ status: 500 }, { status: 500 }, { status: 500 }],
      'upstream_unavailable',
      /HTTP 500/,
    ],
    ['rate limiting', [{ status: 429 }, { status: 429 }, { status: 429 }], 'rate_limited', /rate limiting/],
    ['a rejected key', [{ status: 401 }], 'upstream_unavailable', /API key/],
  ])('turns %s into a safe AppError', async (_n, failures, code, message) => {
    const bad = await startFakeOpenAI({
      failures: failures.map((f) => ({ ...f, body: { error: { message: 'secret upstream detail sk-live-123' } } })),
    });
    const e = openAIEmbedder({ apiKey: 'k', baseURL: bad.baseURL, model: 'm', maxRetries: 2 });
    const err = await catchErr(e.embed(['x'], 'query'));
    expect(isAppError(err)).toBe(true);
    expect(err.code).toBe(code);
    expect(err.message).toMatch(message);
    expect(JSON.stringify(err.toJSON())).not.toContain('sk-live');
    await bad.close();
  });

  it('names itself by model, and by endpoint when it is not OpenAI', () => {
    expect(openAIEmbedderId({ model: 'text-embedding-3-small' })).toBe('openai:text-embedding-3-small');
    expect(openAIEmbedderId({ model: 'nomic', baseURL: 'http://localhost:11434/v1' })).toBe(
      'openai:nomic@localhost:11434',
    );
  });
});

describe('an index records its embedder and refuses to mix', () => {
  const openaiCfg = () => ({
    openai: { apiKey: 'sk-test', baseURL: fake.baseURL, model: 'text-embedding-3-small', dimensions: 256 },
  });

  it('indexes and searches with an OpenAI-compatible embedder', async () => {
    const kb = await openKnowledgeBase({ dbDir: join(tmp.dir, 'openai-db'), embedder: openaiCfg() });
    const r = await kb.indexFolders([ACME_KB]);
    expect(r.embedded).toBe(11);
    expect((await kb.stats()).embedder).toMatch(/^openai:text-embedding-3-small:d256@127\.0\.0\.1:\d+$/);
    const before = fake.calls.length;
    const hits = await kb.search('Okta Verify number matching', { limit: 3, audiences: ['public'] });
    expect(hits[0]?.path).toBe('mfa-policy.md');
    expect(fake.calls.length).toBe(before + 1); // the query was embedded by the endpoint
    expect((await kb.search('Okta Verify', { limit: 3, audiences: ['public'], mode: 'vector' })).length).toBe(3);
    await kb.close();
  });

  it('refuses to query or update a full-text index with OpenAI, until rebuilt', async () => {
    const db = join(tmp.dir, 'mixed-db');
    const offline = await openKnowledgeBase({ dbDir: db, embedder: 'offline' });
    await offline.indexFolders([ACME_KB]);
    await offline.close();

    const kb = await openKnowledgeBase({ dbDir: db, embedder: openaiCfg() });
    for (const call of [
      () => kb.search('laptop', { audiences: ['public'] }),
      () => kb.getDocument('faq.md', { audiences: ['public'] }),
      () => kb.indexFolders([ACME_KB]),
    ]) {
      const err = await catchErr(call());
      expect(err.code).toBe('conflict');
      expect(err.message).toMatch(/built with embedder "full-text".*configured to use "openai:text-embedding-3-small/);
      expect(err.hint).toMatch(/--rebuild/);
    }
    const r = await kb.indexFolders([ACME_KB], { rebuild: true });
    expect(r.embedded).toBe(11);
    expect((await kb.search('laptop', { audiences: ['public'] })).length).toBeGreaterThan(0);
    await kb.close();
  });

  it('searches an index with vectors by full text when no endpoint is configured, but keeps its vectors until --rebuild', async () => {
    const db = join(tmp.dir, 'vectors-db');
    const remote = await openKnowledgeBase({ dbDir: db, embedder: openaiCfg() });
    await remote.indexFolders([ACME_KB]);
    await remote.close();
    const kb = await openKnowledgeBase({ dbDir: db, embedder: 'offline' });
    const before = fake.calls.length;
    expect((await kb.search('Okta Verify number matching', { limit: 3, audiences: ['public'] }))[0]?.path).toBe(
      'mfa-policy.md',
    );
    expect(fake.calls.length).toBe(before);
    expect((await catchErr(kb.indexFolders([ACME_KB]))).code).toBe('conflict');
    expect((await kb.indexFolders([ACME_KB], { rebuild: true })).embedded).toBe(11);
    expect((await kb.stats()).embedder).toBe('full-text');
    await kb.close();
  });
});

// Indexing and full-text search (the default, no embedding endpoint): ranking, diversity, audiences, incremental runs, multi-word terms.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendFileSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openKnowledgeBase, type KnowledgeBase } from '../../src/knowledge/index.js';
import { META_FILE } from '../../src/knowledge/index-meta.js';
import { ACME_KB, ACME_RULES, copyAcme, tempDir } from './support.js';

const tmp = tempDir('kb');
afterAll(() => tmp.cleanup());

describe('the demo knowledge base', () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = await openKnowledgeBase({ dbDir: join(tmp.dir, 'acme-db'), embedder: 'offline', audienceRules: ACME_RULES });
    const r = await kb.indexFolders([ACME_KB]);
    expect(r).toMatchObject({ files: 11, skipped: [], deleted: 0, embedded: 11 });
    expect((await kb.stats()).embedder).toBe('full-text');
  });
  afterAll(() => kb.close());

  it('answers with the passage, heading, title, link and a focused snippet', async () => {
    const hits = await kb.search('which group gives Salesforce access', { limit: 5, audiences: ['public'] });
    expect(hits.slice(0, 3).map((h) => h.path)).toContain('app-catalogue.md');
    const top = hits.find((h) => h.path === 'app-catalogue.md');
    expect(top).toMatchObject({
      path: 'app-catalogue.md',
      title: 'Application Catalogue',
      heading: 'Salesforce',
      url: 'https://intranet.acme.example/it/apps',
      audience: 'public',
    });
    expect(top!.snippet).toContain('App-Salesforce-Users');
    expect(top!.snippet.length).toBeLessThanOrEqual(402);
  });

  it.each(['hybrid', 'fts', 'vector'] as const)(
    '%s mode finds the MFA policy for "security key" (full text: there are no vectors)',
    async (mode) => {
      const hits = await kb.search('FIDO2 security key', { limit: 3, audiences: ['public'], mode });
      expect(hits[0]?.path).toBe('mfa-policy.md');
      expect(hits).toEqual(await kb.search('FIDO2 security key', { limit: 3, audiences: ['public'], mode: 'fts' }));
    },
  );

  it('lets no document hold more than two of the top places', async () => {
    const hits = await kb.search('access group approval owner manager', { limit: 8, audiences: ['public', 'it'] });
    expect(hits.length).toBe(8);
    const per = new Map<string, number>();
    for (const h of hits) per.set(h.path, (per.get(h.path) ?? 0) + 1);
    expect(Math.max(...per.values())).toBeLessThanOrEqual(2);
  });

  it('never returns a security document to public callers, even for its exact title', async () => {
    for (const mode of ['hybrid', 'fts', 'vector'] as const) {
      const hits = await kb.search('Security Incident Response Runbook', { limit: 10, audiences: ['public'], mode });
      expect(hits.length).toBeGreaterThan(0);
      expect(hits.every((h) => h.audience === 'public' && !h.path.startsWith('security/'))).toBe(true);
    }
    const allowed = await kb.search('Security Incident Response Runbook', {
      limit: 3,
      audiences: ['public', 'security'],
    });
    expect(allowed[0]).toMatchObject({ path: 'security/incident-response.md', audience: 'security' });
    expect(await kb.getDocument('security/incident-response.md', { audiences: ['public', 'it'] })).toBeNull();
    expect((await kb.getDocument('security/incident-response.md', { audiences: ['security'] }))?.title).toBe(
      'Security Incident Response Runbook',
    );
  });

  it('applies folder rules: it/internal/ is for the it audience', async () => {
    const pub = await kb.search('Helpdesk Playbook escalation', { limit: 10, audiences: ['public'] });
    expect(pub.some((h) => h.path.startsWith('it/internal/'))).toBe(false);
    const it_ = await kb.search('Helpdesk Playbook escalation', { limit: 3, audiences: ['public', 'it'] });
    expect(it_[0]).toMatchObject({ path: 'it/internal/helpdesk-playbook.md', audience: 'it' });
  });

  it('returns whole documents without front matter or template tags', async () => {
    const doc = await kb.getDocument('it-access-policy.md', { audiences: ['public'] });
    expect(doc).toMatchObject({
      title: 'IT Access Policy',
      url: 'https://intranet.acme.example/it/access-policy',
      audience: 'public',
    });
    expect(doc!.text).toContain('## Privileged access');
    expect(doc!.text).not.toContain('owner: christopher.rivera');
  });

  it('returns nothing for no audiences or an empty query', async () => {
    expect(await kb.search('laptop', { audiences: [] })).toEqual([]);
    expect(await kb.search('   ', { audiences: ['public'] })).toEqual([]);
    expect(await kb.search('"(laptop*) OR:', { audiences: ['public'] })).not.toEqual([]);
  });

  it('re-indexes nothing when nothing changed', async () => {
    expect(await kb.indexFolders([ACME_KB])).toMatchObject({ embedded: 0, deleted: 0, files: 11 });
  });
});

describe('incremental indexing of a folder that changes', () => {
  const folder = copyAcme(tmp.dir, 'changing');
  const db = join(tmp.dir, 'changing-db');
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = await openKnowledgeBase({ dbDir: db, embedder: 'offline', audienceRules: ACME_RULES });
    await kb.indexFolders([folder]);
  });
  afterAll(() => kb.close());

  it('re-indexes only the file whose content changed', async () => {
    appendFileSync(
      join(folder, 'laptop-policy.md'),
      '\n## Docking stations\n\nA zanzibar docking station is available on request from IT.\n',
    );
    const r = await kb.indexFolders([folder]);
    expect(r).toMatchObject({ embedded: 1, deleted: 0, files: 11 });
    const [top] = await kb.search('zanzibar docking station', { limit: 1, audiences: ['public'] });
    expect(top?.path).toBe('laptop-policy.md');
    expect(top?.snippet).toContain('zanzibar docking station');
  });

  it('removes the chunks of a deleted file', async () => {
    expect(
      (await kb.search('Greenhouse data export Legal', { limit: 5, audiences: ['public'] })).some(
        (h) => h.path === 'vendor-notes.md',
      ),
    ).toBe(true);
    rmSync(join(folder, 'vendor-notes.md'));
    const r = await kb.indexFolders([folder]);
    expect(r).toMatchObject({ embedded: 0, deleted: 1, files: 10 });
    for (const mode of ['fts', 'vector'] as const) {
      const hits = await kb.search('Greenhouse data export reseller email', { limit: 20, audiences: ['public'], mode });
      expect(hits.some((h) => h.path === 'vendor-notes.md')).toBe(false);
    }
    expect(await kb.getDocument('vendor-notes.md', { audiences: ['public'] })).toBeNull();
  });

  it('is followed by another open knowledge base on the same index (a server while the CLI re-indexes)', async () => {
    const other = await openKnowledgeBase({ dbDir: db, embedder: 'offline' });
    expect((await other.search('quokka', { audiences: ['public'], mode: 'fts' })).length).toBe(0);
    writeFileSync(join(folder, 'quokka.md'), '# Quokka policy\n\nQuokkas may visit the office on Fridays.\n');
    await kb.indexFolders([folder]);
    expect((await other.search('quokka', { audiences: ['public'] }))[0]?.path).toBe('quokka.md');
    await other.close();
  });

  it('rebuilds an index left by the removed offline embedder on the next run, and searches it meanwhile', async () => {
    const metaPath = join(db, META_FILE);
    const meta = JSON.parse(readFileSync(metaPath, 'utf8'));
    writeFileSync(
      metaPath,
      JSON.stringify({
        ...meta,
        embedder: { kind: 'trainable', name: 'offline', id: 'offline-ppmi-svd-v1:0123456789abcdef', dimensions: 256 },
      }),
    );
    const legacy = await openKnowledgeBase({ dbDir: db, embedder: 'offline' });
    expect((await legacy.search('zanzibar docking station', { limit: 1, audiences: ['public'] }))[0]?.path).toBe(
      'laptop-policy.md',
    );
    const r = await legacy.indexFolders([folder]);
    expect(r.embedded).toBe(r.files);
    expect((await legacy.stats()).embedder).toBe('full-text');
    await legacy.close();
  });
});

describe('several folders', () => {
  it('prefixes each path with its folder name and collapses near-duplicate passages', async () => {
    const a = join(tmp.dir, 'multi', 'handbook');
    const b = join(tmp.dir, 'multi', 'wiki');
    mkdirSync(a, { recursive: true });
    mkdirSync(b, { recursive: true });
    const text =
      '# Parking\n\nStaff parking is in the basement garage; visitors use the street. Bicycles go in the courtyard racks.\n';
    writeFileSync(join(a, 'parking.md'), text);
    writeFileSync(join(b, 'parking.md'), text);
    writeFileSync(
      join(b, 'canteen.md'),
      '# Canteen\n\nLunch is served from noon; parking for food trucks is by the gate.\n',
    );
    const kb = await openKnowledgeBase({ dbDir: join(tmp.dir, 'multi-db'), embedder: 'offline' });
    const r = await kb.indexFolders([a, b]);
    expect(r.files).toBe(3);
    const hits = await kb.search('parking garage bicycles', { limit: 5, audiences: ['public'] });
    expect(hits.map((h) => h.path).filter((p) => p.endsWith('/parking.md'))).toHaveLength(1);
    expect(hits.map((h) => h.path)).toContain('wiki/canteen.md');
    expect(await kb.getDocument('handbook/parking.md', { audiences: ['public'] })).not.toBeNull();
    await kb.close();
  });
});

describe('multi-word terms', () => {
  // "sign in" is one term (login), not the word "sign": a sign-in question must not find signature policies.
  it('ranks the sign-in guide above the signature policy for a sign-in question, and the other way round', async () => {
    const folder = join(tmp.dir, 'phrases');
    mkdirSync(folder, { recursive: true });
    writeFileSync(
      join(folder, 'slack-getting-started.md'),
      '# Getting started with Slack\n\n## How do I access Slack?\n\nOpen the workspace in your browser and click Sign in with your work email. Once you are logged in, join the channels of your team.\n',
    );
    writeFileSync(
      join(folder, 'signature-authority.md'),
      '# Contract review and signature authority\n\n## Who signs vendor contracts?\n\nThe CFO signs vendor contracts and managers sign NDAs. Sign only after legal review; ask in the legal Slack channel who signs a partner contract, and post the signed copy in Slack.\n',
    );
    writeFileSync(
      join(folder, 'okta.md'),
      '# Okta\n\nOkta is our single sign-on (SSO) service: log into Okta to reach every app, with Okta Verify as the second factor.\n',
    );
    const kb = await openKnowledgeBase({ dbDir: join(tmp.dir, 'phrases-db'), embedder: 'offline' });
    await kb.indexFolders([folder]);
    const top = async (q: string) => (await kb.search(q, { limit: 3, audiences: ['public'] }))[0]?.path;
    expect(await top('How do I sign in to Slack?')).toBe('slack-getting-started.md');
    expect(await top('Who signs vendor contracts?')).toBe('signature-authority.md');
    expect(await top('which single sign on service do we use')).toBe('okta.md');
    // Every spelling of the phrase meets the others.
    for (const q of ['login to Slack', 'log in to Slack', 'Slack sign-in', 'signing into Slack'])
      expect(await top(q), q).toBe('slack-getting-started.md');
    await kb.close();
  });
});

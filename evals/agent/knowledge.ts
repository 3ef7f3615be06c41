// The demo company's knowledge, indexed once (full-text search, policy audiences) into a temp folder and shared by every scenario.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openKnowledgeBase, type KnowledgeBase } from '../../src/knowledge/index.js';
import type { PolicyEngine } from '../../src/policies/engine.js';

export const ACME = resolve(import.meta.dirname, '../../examples/acme');

/** Indexes examples/acme/knowledge with the audience rules of `policy`; `close` removes the folder. */
export async function acmeKnowledge(policy: PolicyEngine): Promise<{ kb: KnowledgeBase; close(): Promise<void> }> {
  const dbDir = await mkdtemp(join(tmpdir(), 'warden-agent-eval-kb-'));
  const kb = await openKnowledgeBase({
    dbDir,
    embedder: 'offline',
    audienceRules: policy.current().knowledge.audiences.map(({ path, audience }) => ({ path, audience })),
  });
  await kb.indexFolders([join(ACME, 'knowledge')]);
  return {
    kb,
    async close() {
      await kb.close();
      await rm(dbDir, { recursive: true, force: true });
    },
  };
}

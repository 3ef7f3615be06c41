// `warden knowledge index` and `warden knowledge search`: the CLI faces of the knowledge base.
import type { Logger } from 'pino';
import { isAppError } from '../core/errors.js';
import type { AudienceRule } from '../knowledge/audience.js';
import { openKnowledgeBase, type KnowledgeBaseOptions } from '../knowledge/index.js';
import { createProgress, type ProgressStream } from '../knowledge/progress.js';
import type { SearchMode } from '../knowledge/types.js';

interface Out {
  write(s: string): unknown;
}

interface Common {
  db: string;
  embedder?: KnowledgeBaseOptions['embedder'];
  log?: Logger;
}

function fail(e: unknown, stderr: Out): number {
  if (!isAppError(e)) throw e;
  stderr.write(`error: ${e.message}\n${e.hint ? `hint: ${e.hint}\n` : ''}`);
  return 1;
}

/** Indexes `folders` into `db` with progress on stderr and a summary on stdout; returns the exit code. */
export async function knowledgeIndexCommand(
  o: Common & {
    folders: string[];
    stderr: ProgressStream;
    stdout: Out;
    rebuild?: boolean;
    audienceRules?: AudienceRule[];
  },
): Promise<number> {
  const kb = await openKnowledgeBase({
    dbDir: o.db,
    embedder: o.embedder ?? 'offline',
    audienceRules: o.audienceRules,
    log: o.log,
  });
  const progress = createProgress(o.stderr);
  try {
    const r = await kb.indexFolders(o.folders, {
      rebuild: o.rebuild,
      onProgress: (p) => progress.update(p),
      onSkip: (s) => progress.note(`warning: skipped ${s.path}: ${s.reason}`),
    });
    progress.end();
    const stats = await kb.stats();
    o.stdout.write(
      `Indexed ${r.files} documents (${r.chunks} chunks) in ${(r.ms / 1000).toFixed(1)} s: ${r.embedded} re-indexed (${r.embeddedChunks} chunks), ` +
        `${r.deleted} removed, ${r.skipped.length} skipped.\nEmbedder: ${stats.embedder}\nIndex: ${o.db}\n`,
    );
    return 0;
  } catch (e) {
    progress.end();
    return fail(e, o.stderr);
  } finally {
    await kb.close();
  }
}

/** Searches `db`; `json` prints exactly one `{ results: [...] }` object. Returns the exit code. */
export async function knowledgeSearchCommand(
  o: Common & {
    query: string;
    limit?: number;
    json?: boolean;
    stdout: Out;
    stderr?: Out;
    audiences?: string[];
    mode?: SearchMode;
  },
): Promise<number> {
  const kb = await openKnowledgeBase({ dbDir: o.db, embedder: o.embedder ?? 'offline', log: o.log });
  try {
    const hits = await kb.search(o.query, { limit: o.limit ?? 5, audiences: o.audiences ?? ['public'], mode: o.mode });
    if (o.json) {
      const results = hits.map((h) => ({
        path: h.path,
        title: h.title,
        heading: h.heading,
        score: h.score,
        snippet: h.snippet,
        url: h.url ?? null,
      }));
      o.stdout.write(`${JSON.stringify({ results })}\n`);
      return 0;
    }
    if (hits.length === 0) {
      const { documents } = await kb.stats();
      o.stdout.write(
        documents
          ? 'No passages matched.\n'
          : 'The knowledge index is empty; run `warden knowledge index <folder>` first.\n',
      );
      return 0;
    }
    hits.forEach((h, i) => {
      o.stdout.write(`${i + 1}. ${h.title}${h.heading ? ` › ${h.heading}` : ''}  (${h.score.toFixed(3)})\n`);
      o.stdout.write(`   ${h.path}${h.url ? `  ${h.url}` : ''}\n`);
      o.stdout.write(
        `${wrap(h.snippet, 96)
          .map((l) => `   ${l}`)
          .join('\n')}\n\n`,
      );
    });
    return 0;
  } catch (e) {
    return fail(e, o.stderr ?? o.stdout);
  } finally {
    await kb.close();
  }
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let cur = '';
  for (const w of text.split(/\s+/)) {
    if (cur && cur.length + w.length + 1 > width) {
      lines.push(cur);
      cur = w;
    } else cur = cur ? `${cur} ${w}` : w;
  }
  if (cur) lines.push(cur);
  return lines;
}

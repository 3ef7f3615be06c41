// CLI for the retrieval eval: `npx tsx evals/retrieval/run.ts [--corpus handbooks|acme] [--corpora DIR] [--questions file.yaml] [--openai] [--misses]`.

import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { handbookCorporaDir } from './corpora.js';
import { formatTable } from './report.js';
import { runRetrievalEval } from './run-eval.js';

const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: 'handbooks' },
    openai: { type: 'boolean', default: false },
    misses: { type: 'boolean', default: false },
    questions: { type: 'string' },
    corpora: { type: 'string' },
  },
});
const corpus = values.corpus ?? 'handbooks';
const apiKey = process.env.OPENAI_API_KEY;
if (values.openai && !apiKey)
  console.error('--openai given but OPENAI_API_KEY is not set: skipping OpenAI embeddings.');
const openai =
  values.openai && apiKey
    ? {
        apiKey,
        baseURL: process.env.OPENAI_BASE_URL || undefined,
        model: process.env.OPENAI_EMBEDDING_MODEL ?? 'text-embedding-3-small',
      }
    : undefined;

if (corpus === 'handbooks') {
  try {
    handbookCorporaDir(values.corpora);
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
}
const result = await runRetrievalEval(corpus, {
  openai,
  corpora: values.corpora,
  ...(values.questions ? { questions: resolve(values.questions) } : {}),
});
console.log(formatTable(result));
if (values.misses) {
  for (const m of result.modes)
    for (const x of m.misses)
      console.log(
        `${m.mode.padEnd(14)} ${x.id.padEnd(10)} rank ${x.rank < 0 ? '-' : x.rank + 1}  top: ${x.top.join(' | ')}`,
      );
}
const out = join(
  resolve(dirname(fileURLToPath(import.meta.url)), '../results'),
  `retrieval-${corpus}${values.questions ? `-${basename(values.questions).replace(/(\.questions)?\.yaml$/, '')}` : ''}.json`,
);
await mkdir(dirname(out), { recursive: true });
await writeFile(out, `${JSON.stringify({ at: new Date().toISOString(), ...result }, null, 2)}\n`);
console.log(`wrote ${out}`);

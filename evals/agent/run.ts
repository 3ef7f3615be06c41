// CLI: `npx tsx evals/agent/run.ts --model <name> --base-url <url> [--api-key-env OPENAI_API_KEY] [--only <id>]`.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { endpointOf } from '../../src/assistant/model-errors.js';
import { formatTable, resultDocument, summarize } from './report.js';
import { runAgentEval } from './run-eval.js';

const { values } = parseArgs({
  options: {
    model: { type: 'string' },
    'base-url': { type: 'string' },
    'api-key-env': { type: 'string', default: 'OPENAI_API_KEY' },
    only: { type: 'string', multiple: true },
    'max-tool-rounds': { type: 'string' },
    out: { type: 'string' },
  },
});
const model = values.model ?? process.env.WARDEN_CHAT_MODEL;
if (!model) {
  console.error(
    'usage: npx tsx evals/agent/run.ts --model <name> [--base-url <url>] [--api-key-env OPENAI_API_KEY] [--only <id>]',
  );
  process.exit(2);
}
const baseURL = values['base-url'] ?? process.env.OPENAI_BASE_URL ?? undefined;
const apiKey = process.env[values['api-key-env'] ?? 'OPENAI_API_KEY'] ?? '';
if (!apiKey && !baseURL)
  console.error(`warning: ${values['api-key-env']} is not set; the OpenAI API will refuse requests.`);

const started = performance.now();
const results = await runAgentEval({
  model: { apiKey, baseURL, model, maxRetries: 2, timeoutMs: 120_000 },
  only: values.only,
  maxToolRounds: values['max-tool-rounds'] ? Number(values['max-tool-rounds']) : undefined,
  onResult: (r) =>
    console.error(
      `${r.success ? 'pass' : 'FAIL'}  ${r.id}${r.violations.length ? `  (${r.violations.length} violation(s))` : ''}`,
    ),
});
console.log(formatTable(results));
const date = new Date().toISOString().slice(0, 10);
const out =
  values.out ??
  join(resolve(import.meta.dirname, '../results'), `agent-${model.replace(/[^A-Za-z0-9._-]+/g, '_')}-${date}.json`);
await mkdir(resolve(out, '..'), { recursive: true });
await writeFile(out, `${JSON.stringify(resultDocument(results, { model, endpoint: endpointOf(baseURL) }), null, 2)}\n`);
console.log(`\n${results.length} scenarios in ${((performance.now() - started) / 1000).toFixed(1)} s; wrote ${out}`);
process.exitCode = summarize(results).violations > 0 ? 1 : 0;

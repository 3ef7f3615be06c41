// Loads and validates retrieval-eval question files (YAML).

import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';

export const QuestionSchema = z.object({
  id: z.string().min(1),
  corpus: z.string().min(1),
  kind: z.enum(['keyword', 'paraphrase']),
  question: z.string().min(1),
  /** Paths relative to the corpus folder; any one of them in the results answers the question. */
  expected: z.array(z.string().min(1)).min(1),
});
export type Question = z.infer<typeof QuestionSchema>;

/** Reads a question file; throws with the offending entry when it is malformed or ids repeat. */
export async function loadQuestions(file: string): Promise<Question[]> {
  const list = z.array(QuestionSchema).parse(parse(await readFile(file, 'utf8')));
  const seen = new Set<string>();
  for (const q of list) {
    if (seen.has(q.id)) throw new Error(`duplicate question id ${q.id} in ${file}`);
    seen.add(q.id);
  }
  return list;
}

// WordNet's "morphy" detachment rules: candidate base forms of an inflected word for each part of speech.
import type { Pos } from './wordnet.js';

const RULES: Record<Pos, ReadonlyArray<readonly [string, string]>> = {
  noun: [['s', ''], ['ses', 's'], ['xes', 'x'], ['zes', 'z'], ['ches', 'ch'], ['shes', 'sh'], ['men', 'man'], ['ies', 'y']],
  verb: [['s', ''], ['ies', 'y'], ['es', 'e'], ['es', ''], ['ed', 'e'], ['ed', ''], ['ing', 'e'], ['ing', '']],
  adj: [['er', ''], ['est', ''], ['er', 'e'], ['est', 'e']],
  adv: [],
};

/** The word itself, then its possible base forms as `pos` (WordNet confirms which exist). */
export function baseForms(word: string, pos: Pos): string[] {
  const out = [word];
  for (const [suffix, repl] of RULES[pos]) {
    if (word.length > suffix.length + 2 && word.endsWith(suffix)) out.push(word.slice(0, -suffix.length) + repl);
  }
  return [...new Set(out)];
}

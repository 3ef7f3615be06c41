// WordNet lookups and query expansion: related words come from the lexicon, are kept only when the corpus uses them, and weigh less than the query.
import { describe, expect, it } from 'vitest';
import { WordNet } from '../../src/knowledge/lexicon/wordnet.js';
import { relatedWords } from '../../src/knowledge/lexicon/related-words.js';
import { countCorpusTerms } from '../../src/knowledge/lexicon/corpus-terms.js';
import { QueryExpander } from '../../src/knowledge/lexicon/query-expansion.js';
import { contentQuery } from '../../src/knowledge/search.js';

const wn = new WordNet();

describe('WordNet reader', () => {
  it('finds senses of a lemma and of an inflected form, and reads their synsets', () => {
    expect(wn.senses('surname', 'noun').length).toBeGreaterThan(0);
    expect(wn.senses('no-such-lemma-xyz', 'noun')).toEqual([]);
    const related = relatedWords(wn, 'surname');
    expect(related.get('name')).toBeGreaterThan(0);
    expect(relatedWords(wn, 'subways').get('metro')).toBe(1);
  });
});

describe('query expansion', () => {
  const texts = [
    'Changing your name: update your name in every system after a marriage.',
    'Changing your name also needs a new badge and a name change form.',
    'Transit benefit: public transit subsidy for your metro and train commute.',
    'The transit subsidy covers the metro.',
    ...Array.from({ length: 40 }, (_, i) => `Filler passage ${i} about laptops and security keys.`),
  ];
  const expander = new QueryExpander(wn, countCorpusTerms(texts));

  it('adds related words the corpus uses, below weight 1, and never the query words themselves', () => {
    const terms = expander.expand('My surname changed');
    expect(terms.map((t) => t.word)).toContain('name');
    expect(terms.every((t) => t.weight > 0 && t.weight < 1)).toBe(true);
    expect(expander.expand('subway commute').map((t) => t.word)).toContain('metro');
  });

  it('drops related words absent from the corpus and leaves well-known words alone', () => {
    expect(expander.expand('surname').map((t) => t.word)).not.toContain('cognomen');
    // "laptops" is in every filler passage: the corpus knows it, no back-off to the lexicon.
    expect(expander.expand('laptops')).toEqual([]);
  });

  it('strips function words from the full-text query but never empties it', () => {
    expect(contentQuery('How do I change my name?')).toBe('change name');
    expect(contentQuery('how do I')).toBe('how do I');
  });
});

// Multi-word terms kept together for full-text search: "sign in" is one term (login), never the word "sign".
//
// A phrasal verb does not mean what its head word means: "sign in" is not signing a contract, "log in" is not
// a log. Full-text search sees single words (the index keeps no positions), so before indexing and before
// querying each such phrase, in all its spellings, becomes one term: "sign in", "log into", "signed in to",
// "login" and "log-in" all read `login`. That both keeps the senses apart (a sign-in question no longer
// matches "who signs the contract") and matches the spellings with one another (the phrase-level expansion).
// Separate-word forms count only when a word that ends a sign-in follows ("to", "with", a full stop…), so
// "documents signed in DocuSign" or "the log in Jira" keep their own words.

/** Words that may follow a separated phrasal verb for it to be one: prepositions of the phrase, sign-in nouns. */
const FOLLOW_WORDS = [
  'to',
  'into',
  'onto',
  'with',
  'using',
  'via',
  'through',
  'as',
  'again',
  'from',
  'of',
  'for',
  'at',
  'page',
  'screen',
  'prompt',
  'button',
  'link',
  'process',
  'flow',
  'credentials',
  'details',
  'form',
];
/** Before a FOLLOW word or at the end of a clause. */
const FOLLOW = String.raw`(?=\s+(?:${FOLLOW_WORDS.join('|')})\b|\s*[.,;:!?)\]]|\s*$)`;
/** Words before a noun ("the log in", "a sign on", "the audit log in"): then the words are not a phrasal verb. */
const DETERMINERS = [
  'a',
  'an',
  'the',
  'this',
  'that',
  'each',
  'every',
  'any',
  'no',
  'your',
  'our',
  'their',
  'his',
  'her',
  'its',
  'my',
  'audit',
  'error',
  'access',
  'event',
  'system',
  'server',
  'activity',
  'change',
  'debug',
  'query',
  'request',
  'build',
  'call',
];
const NOT_AFTER = String.raw`(?<!\b(?:${DETERMINERS.join('|')})\s+)`;

interface Term {
  /** The single term the phrase becomes. */
  term: string;
  /** Spellings that are always the phrase (joined or hyphenated). */
  joined: RegExp;
  /** Separate-word spellings, which count only before a FOLLOW word. */
  separate?: RegExp;
}

const SIGN = '(?:sign|signs|signed|signing)';
const LOG = '(?:log|logs|logged|logging)';

const TERMS: readonly Term[] = [
  // First: "single sign-on" must not become "single login".
  { term: 'sso', joined: /\bsingle[\s-]+sign[\s-]*on\b/gi },
  {
    term: 'login',
    joined: new RegExp(String.raw`\b(?:${SIGN}-in|signin|${LOG}-(?:in|on)|login|logins|logon|logons)\b`, 'gi'),
    // "log into" / "sign into" carry their preposition; "log in" / "sign in" / "log on" need a FOLLOW word.
    separate: new RegExp(
      String.raw`${NOT_AFTER}\b(?:(?:${SIGN}|${LOG})\s+into\b|${LOG}\s+onto\b|(?:${SIGN}\s+in|${LOG}\s+(?:in|on))\b${FOLLOW})`,
      'gi',
    ),
  },
  {
    term: 'logout',
    joined: new RegExp(String.raw`\b(?:${SIGN}-out|signout|${LOG}-out|logout|logouts)\b`, 'gi'),
    separate: new RegExp(String.raw`${NOT_AFTER}\b(?:${SIGN}|${LOG})\s+out\b${FOLLOW}`, 'gi'),
  },
  {
    term: 'signup',
    joined: new RegExp(String.raw`\b(?:${SIGN}-up|signup|signups)\b`, 'gi'),
    separate: new RegExp(String.raw`${NOT_AFTER}\b${SIGN}\s+up\b${FOLLOW}`, 'gi'),
  },
];

/** The text with every multi-word term (in any spelling) replaced by its single term; other words untouched. */
export function joinPhrases(text: string): string {
  let out = text;
  for (const t of TERMS) {
    out = out.replace(t.joined, t.term);
    if (t.separate) out = out.replace(t.separate, t.term);
  }
  return out;
}

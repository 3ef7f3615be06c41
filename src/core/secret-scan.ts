// Credential detector for free text (reasons, comments): what a secret pasted by mistake looks like, named in plain words.
import { InvalidInputError } from './errors.js';

interface Pattern {
  /** How the refusal names it: "the reason looks like it contains a credential (an AWS access key)". */
  kind: string;
  re: RegExp;
}

// Specific shapes first: each is a documented token format, so a hit is a credential, not a guess.
const PATTERNS: readonly Pattern[] = [
  { kind: 'a private key', re: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/ },
  { kind: 'an AWS access key', re: /\b(?:AKIA|ASIA|ABIA|ACCA|AIDA|AROA|ANPA|AGPA|AIPA|ANVA|APKA)[A-Z0-9]{16}\b/ },
  { kind: 'an AWS secret key', re: /aws.{0,20}?(?:secret|key).{0,20}?[:=\s]["']?[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])/i },
  { kind: 'an Okta API token', re: /\bSSWS\s+\S{8,}|\b00[A-Za-z0-9_-]{40}(?![A-Za-z0-9_-])/ },
  { kind: 'a JSON Web Token', re: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/ },
  { kind: 'a Warden API key', re: /\bwdn_[A-Za-z0-9_-]{16,}/ },
  { kind: 'a GitHub token', re: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})/ },
  { kind: 'a Slack token', re: /\bxox[abposr]-[A-Za-z0-9-]{10,}/ },
  { kind: 'a Slack webhook URL', re: /hooks\.slack\.com\/services\/T[A-Za-z0-9]+\/B[A-Za-z0-9]+\/[A-Za-z0-9]{16,}/ },
  {
    kind: 'a Stripe or OpenAI secret key',
    re: /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}|\bsk-(?:proj-)?[A-Za-z0-9_-]{32,}/,
  },
  { kind: 'a password in a URL', re: /\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:[^\s/@]{3,}@/i },
  { kind: 'an authorization header', re: /\b(?:Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{16,}/ },
];

/** A run of token characters long enough to be a generated secret. */
const TOKEN = /[A-Za-z0-9+/=_-]{32,}/g;

/**
 * Shannon entropy in bits per character. Random base64/base62 strings of 32+ characters score above 4.3;
 * words, repeated characters and identifiers with long readable parts score well below.
 */
function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/**
 * A long token that looks generated: mixed upper case, lower case and digits, and high entropy. Pure hex (commit
 * SHAs, hashes) and lower-case ids (UUIDs, slugs) are not flagged: they are what people legitimately paste.
 */
function looksGenerated(token: string): boolean {
  const t = token.replace(/^[=_-]+|[=_-]+$/g, '');
  if (t.length < 32) return false;
  if (/^[0-9a-f]+$/i.test(t)) return false;
  if (!/[a-z]/.test(t) || !/[A-Z]/.test(t) || !/[0-9]/.test(t)) return false;
  // Mostly words (paths, CamelCase identifiers, file names) is something a person wrote, not a secret.
  const wordy = (t.match(/[A-Z]?[a-z]{3,}/g) ?? []).join('').length;
  if (wordy / t.length >= 0.4) return false;
  return entropy(t) >= 4.2;
}

/** Each run of %XX escapes decoded where it is valid UTF-8, left as it is where not. */
function decodePercent(text: string): string {
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

/** What kind of credential `text` seems to contain (e.g. "an AWS access key"), or null. */
export function findCredential(text: string): string | null {
  if (!text) return null;
  // Also as it reads once percent-escapes are decoded (a key inside a pasted link), invisible format characters
  // (zero-width space, word joiner, soft hyphen, BOM) dropped and compatibility forms folded (fullwidth letters): a key
  // split or disguised that way is still that key.
  const plain = decodePercent(text)
    .normalize('NFKC')
    .replace(/\p{Cf}+/gu, '');
  for (const t of plain === text ? [text] : [text, plain]) {
    for (const p of PATTERNS) if (p.re.test(t)) return p.kind;
    for (const m of t.matchAll(TOKEN)) if (looksGenerated(m[0])) return 'a long random token';
  }
  return null;
}

/**
 * Refuses free text that contains a credential, before anything stores or audits it. `field` is how the caller
 * names it ("reason", "comment").
 */
export function assertNoCredential(field: string, text: string | undefined | null): void {
  if (!text) return;
  const kind = findCredential(text);
  if (kind) {
    throw new InvalidInputError(
      `the ${field} looks like it contains a credential (${kind}); remove it and try again.`,
      {
        hint: 'Never paste keys, tokens or passwords into Warden: reasons and comments are kept in the audit log. Rotate the credential if it was real.',
        details: { field, credential: kind },
      },
    );
  }
}

// Decides a document's audience: front matter first, then the first matching folder rule, else 'public'.

export interface AudienceRule {
  /** Glob over the document path: `*` within a segment, `**` across segments, `?` one character. A folder (`security/`) means everything under it. */
  path: string;
  audience: string;
}

export const DEFAULT_AUDIENCE = 'public';

/** Compiles a glob to a RegExp anchored on the whole path. */
export function globToRegExp(glob: string): RegExp {
  let g = glob.replace(/^\.?\//, '');
  if (g.endsWith('/')) g += '**';
  let re = '';
  for (let i = 0; i < g.length; i++) {
    const c = g[i]!;
    if (c === '*' && g[i + 1] === '*') {
      i++;
      if (g[i + 1] === '/') {
        i++;
        re += '(?:.*/)?';
      } else re += '.*';
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Returns a resolver `(path, frontMatterAudience?) => audience`. */
export function audienceResolver(rules: AudienceRule[] = []): (path: string, declared?: string) => string {
  const compiled = rules.map((r) => ({ re: globToRegExp(r.path), audience: r.audience.toLowerCase() }));
  return (path, declared) => declared ?? compiled.find((r) => r.re.test(path))?.audience ?? DEFAULT_AUDIENCE;
}

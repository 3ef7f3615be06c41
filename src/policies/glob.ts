// Glob patterns of policy files, compiled once to RegExps so that decide() only runs regex tests.

export interface GlobOptions {
  /** Path mode: `*` stops at `/`, `**` crosses it (knowledge folders). Name mode: `*` matches anything. */
  path?: boolean;
}

const escapeChar = (c: string): string => (/[.+^${}()|[\]\\]/.test(c) ? `\\${c}` : c);

/** Compiles one glob (`*-Admins`, `security/**`) to an anchored, case-insensitive RegExp. */
export function globToRegExp(glob: string, opts: GlobOptions = {}): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (opts.path && glob[i + 1] === '*') {
        // `**/` also matches zero folders.
        if (glob[i + 2] === '/') {
          out += '(?:.*/)?';
          i += 2;
        } else {
          out += '.*';
          i += 1;
        }
      } else {
        out += opts.path ? '[^/]*' : '.*';
      }
    } else if (c === '?') {
      out += opts.path ? '[^/]' : '.';
    } else {
      out += escapeChar(c);
    }
  }
  return new RegExp(`^${out}$`, 'i');
}

/** A precompiled set of globs: `test(name)` is true when any of them matches. */
export interface GlobSet {
  readonly patterns: readonly string[];
  test(name: string): boolean;
}

/** Compiles many globs into one alternation (one regex test per call, whatever the list length). */
export function compileGlobs(globs: readonly string[], opts: GlobOptions = {}): GlobSet {
  if (globs.length === 0) return { patterns: [], test: () => false };
  const literal = globs.every((g) => !/[*?]/.test(g));
  if (literal) {
    const set = new Set(globs.map((g) => g.toLowerCase()));
    return { patterns: globs, test: (name) => set.has(name.toLowerCase()) };
  }
  const re = new RegExp(globs.map((g) => globToRegExp(g, opts).source).join('|'), 'i');
  return { patterns: globs, test: (name) => re.test(name) };
}

// Splits YAML (---) or TOML (+++) front matter from a document and reads title, audience and url.
import { parse as parseYaml } from 'yaml';

export interface FrontMatter {
  title?: string;
  audience?: string;
  url?: string;
}

const YAML_BLOCK = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;
const TOML_BLOCK = /^\uFEFF?\+\+\+[ \t]*\r?\n([\s\S]*?)\r?\n\+\+\+[ \t]*(?:\r?\n|$)/;

/** Removes front matter; returns the body and the fields Warden uses. Malformed front matter is stripped and ignored. */
export function splitFrontMatter(raw: string): { body: string; meta: FrontMatter } {
  const yaml = YAML_BLOCK.exec(raw);
  if (yaml) return { body: raw.slice(yaml[0].length), meta: pick(readYaml(yaml[1] ?? '')) };
  const toml = TOML_BLOCK.exec(raw);
  if (toml) return { body: raw.slice(toml[0].length), meta: pick(readToml(toml[1] ?? '')) };
  return { body: raw.replace(/^\uFEFF/, ''), meta: {} };
}

function readYaml(src: string): Record<string, unknown> {
  try {
    const v: unknown = parseYaml(src);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Reads top-level `key = "value"` pairs only: enough for title, audience and url. */
function readToml(src: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const line of src.split(/\r?\n/)) {
    if (/^\s*\[/.test(line)) break; // a table starts: top-level keys are over
    const m = /^\s*([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|\[\s*"([^"]*)")/.exec(line);
    if (m?.[1]) out[m[1]] = m[2] ?? m[3] ?? m[4];
  }
  return out;
}

function pick(v: Record<string, unknown>): FrontMatter {
  const str = (x: unknown): string | undefined => {
    if (Array.isArray(x)) x = x[0];
    return typeof x === 'string' && x.trim() ? x.trim() : typeof x === 'number' ? String(x) : undefined;
  };
  const meta: FrontMatter = {};
  const title = str(v.title);
  const audience = str(v.audience);
  const url = str(v.url) ?? str(v.permalink);
  if (title) meta.title = title;
  if (audience) meta.audience = audience.toLowerCase();
  if (url) meta.url = url;
  return meta;
}

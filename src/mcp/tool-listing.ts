// What models see: each tool's MCP listing (JSON schemas, annotations), computed once and narrowed per caller's hidden fields.
import { z } from 'zod';
import type { AnyTool } from '../core/tool.js';

export interface ToolListing {
  name: string;
  title: string;
  description: string;
  inputSchema: Record<string, unknown>;
  outputSchema: Record<string, unknown>;
  annotations: AnyTool['annotations'] & { title: string };
}

const cache = new WeakMap<AnyTool, ToolListing>();

/** The tool's listing as registered (before any caller-specific narrowing). */
export function toolListing(tool: AnyTool): ToolListing {
  let l = cache.get(tool);
  if (!l) {
    const clean = (s: Record<string, unknown>) => {
      const { $schema: _ignored, ...rest } = s;
      return rest;
    };
    l = {
      name: tool.name,
      title: tool.title,
      description: tool.description,
      inputSchema: clean(z.toJSONSchema(tool.input, { io: 'input' }) as Record<string, unknown>),
      outputSchema: clean(z.toJSONSchema(tool.output, { io: 'output' }) as Record<string, unknown>),
      annotations: { title: tool.title, ...tool.annotations },
    };
    cache.set(tool, l);
  }
  return l;
}

/** Removes hidden fields from an output schema so redacted results still match what the caller was shown. */
export function withoutHiddenFields(
  schema: Record<string, unknown>,
  hidden: readonly string[],
): Record<string, unknown> {
  if (hidden.length === 0) return schema;
  const set = new Set(hidden);
  const walk = (s: unknown): unknown => {
    if (Array.isArray(s)) return s.map(walk);
    if (!s || typeof s !== 'object') return s;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(s)) {
      if (k === 'properties' && v && typeof v === 'object') {
        out[k] = Object.fromEntries(
          Object.entries(v)
            .filter(([p]) => !set.has(p))
            .map(([p, x]) => [p, walk(x)]),
        );
      } else if (k === 'required' && Array.isArray(v)) {
        out[k] = v.filter((p) => !set.has(p as string));
      } else out[k] = walk(v);
    }
    return out;
  };
  return walk(schema) as Record<string, unknown>;
}

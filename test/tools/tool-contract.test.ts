// The model-facing contract: every tool's listing matches its reviewed snapshot, and static rules hold for every tool.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { allTools } from '../../src/tools/index.js';
import { toolListing } from '../../src/mcp/tool-listing.js';
import { TOOLSETS } from '../../src/core/tool.js';

const SNAP_DIR = resolve(import.meta.dirname, '../tool-snapshots');
/** Set UPDATE_TOOL_SNAPSHOTS=1 to rewrite snapshots after a reviewed change. */
const UPDATE = process.env.UPDATE_TOOL_SNAPSHOTS === '1';

describe('tool snapshots', () => {
  it.each(allTools.map((t) => [t.name, t] as const))('%s matches test/tool-snapshots/%s.json', (name, tool) => {
    const file = `${SNAP_DIR}/${name}.json`;
    const listing = JSON.stringify(toolListing(tool), null, 2) + '\n';
    if (UPDATE) writeFileSync(file, listing);
    expect(existsSync(file), `missing snapshot; run with UPDATE_TOOL_SNAPSHOTS=1 and review ${file}`).toBe(true);
    expect(listing, `what models see of ${name} changed; review and run with UPDATE_TOOL_SNAPSHOTS=1`).toBe(
      readFileSync(file, 'utf8'),
    );
  });
});

describe('tool rules', () => {
  it.each(allTools.map((t) => [t.name, t] as const))('%s follows the conventions', (_n, t) => {
    expect(t.name).toMatch(/^[a-z]+(_[a-z]+)+$/);
    expect(TOOLSETS).toContain(t.toolset);
    expect(typeof t.mutating).toBe('boolean');
    expect(t.description.length).toBeGreaterThan(80);
    if (t.mutating) expect(t.annotations.readOnlyHint).toBe(false);
    // Non-mutating tools are read-only, except those that change only Warden's own request records (reviewed list).
    else expect(t.annotations.readOnlyHint).toBe(!['cancel_request'].includes(t.name));
    const l = toolListing(t);
    expect(l.inputSchema.type).toBe('object');
    expect(l.outputSchema.type).toBe('object');
    // Every input property is described or self-evident from an enum/limit; models need to know what to pass.
    for (const [p, s] of Object.entries((l.inputSchema.properties ?? {}) as Record<string, Record<string, unknown>>)) {
      expect(
        Boolean(s.description || s.enum || s.maximum !== undefined || p === 'cursor'),
        `${t.name}.${p} needs a description`,
      ).toBe(true);
    }
  });

  it('tool names are unique', () => {
    expect(new Set(allTools.map((t) => t.name)).size).toBe(allTools.length);
  });
});

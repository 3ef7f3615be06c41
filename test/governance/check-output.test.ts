// Output check: a tool whose result breaks its own output schema is an internal error (a tool bug) when checking is on.
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTool } from '../../src/core/tool.js';
import { outputProblems } from '../../src/governance/check-output.js';
import { createTestWarden } from '../support/harness.js';

/** A stand-in for lookup_user (so the example policy lets claude-desktop call it) that returns whatever the test gives it. */
const returning = (value: unknown) =>
  defineTool({
    name: 'lookup_user',
    title: 't',
    description: 'd',
    toolset: 'identity',
    mutating: false,
    input: z.object({ query: z.string() }).strict(),
    output: z.object({ name: z.string(), tags: z.array(z.object({ id: z.string() })), note: z.string().optional() }),
    handler: async () => value as never,
  });

let w: Awaited<ReturnType<typeof createTestWarden>> | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

describe('outputProblems', () => {
  it.each([
    ['a matching result', { name: 'a', tags: [{ id: 'x' }] }, []],
    ['undefined optional fields', { name: 'a', tags: [], note: undefined }, []],
    ['a wrong type', { name: 1, tags: [] }, [expect.stringMatching(/^name: /)]],
    ['a missing field', { name: 'a' }, [expect.stringMatching(/^tags: /)]],
    ['an extra top-level key', { name: 'a', tags: [], secret: 's' }, ['secret: not in the output schema']],
    [
      'an extra nested key',
      { name: 'a', tags: [{ id: 'x' }, { id: 'y', more: 1 }] },
      ['tags.1.more: not in the output schema'],
    ],
  ])('%s', (_label, value, expected) => {
    expect(outputProblems(returning(value), value)).toEqual(expected);
  });
});

describe('governance with checkOutputs', () => {
  it('turns a result that breaks the schema into an internal error with a reference, and logs why', async () => {
    w = await createTestWarden({
      extra: { tools: [returning({ name: 'a', tags: [], leaked: 'x' })] },
      allowOutputSchemaErrors: true,
    });
    const r = await w.call('lookup_user', { query: 'q' });
    expect(r).toMatchObject({ ok: false, error: { code: 'internal_error' } });
    expect(JSON.stringify(r)).not.toContain('leaked');
    expect(w.logLines.join('')).toContain('leaked: not in the output schema');
  });

  it('fails the test at close when a tool broke its schema and the test did not expect it', async () => {
    const loud = await createTestWarden({ extra: { tools: [returning({ name: 1, tags: [] })] } });
    await loud.call('lookup_user', { query: 'q' });
    await expect(loud.close()).rejects.toThrow(/does not match its output schema/);
  });

  it('passes a matching result through, and an unchecked governance passes anything', async () => {
    w = await createTestWarden({ extra: { tools: [returning({ name: 'a', tags: [] })] } });
    expect(await w.call('lookup_user', { query: 'q' })).toMatchObject({ ok: true, output: { name: 'a', tags: [] } });
    await w.close();
    w = await createTestWarden({
      extra: { tools: [returning({ name: 'a', tags: [], leaked: 'x' })], checkOutputs: false },
    });
    expect(await w.call('lookup_user', { query: 'q' })).toMatchObject({ ok: true, output: { leaked: 'x' } });
  });
});

// /policy (security only): a summary of who may do what, the simulator, and the active policy files (POST, CSRF-protected like every form that submits).
import { readFile } from 'node:fs/promises';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { DirectoryPort } from '../../../core/directory.js';
import type { PolicyEngine } from '../../../policies/engine.js';
import type { WebUiEnv } from '../env.js';
import type { Renderer } from '../render.js';
import { simulate, type SimulationInput, type SimulationResult } from '../simulate.js';
import { PolicyPage } from '../views/policy-page.js';

export interface PolicyRoutesDeps {
  policy: PolicyEngine;
  directory: DirectoryPort;
  tools: ReadonlyArray<{ name: string; toolset: string; mutating: boolean }>;
  render: Renderer;
}

const field = z
  .string()
  .trim()
  .max(300)
  .optional()
  .transform((v) => v || undefined);
const Sim = z.object({
  client: z.string().trim().min(1).max(100),
  tool: z.string().trim().min(1).max(100),
  person: field,
  user: field,
  group: field,
  app: field,
  duration: field,
  reason: field,
});

export function policyRoutes(deps: PolicyRoutesDeps): Hono<WebUiEnv> {
  const app = new Hono<WebUiEnv>();
  const { render } = deps;

  async function show(c: Context<WebUiEnv>, input: Partial<SimulationInput>, result?: SimulationResult) {
    const p = deps.policy.current();
    const files = await Promise.all(
      p.files.map(async (path) => ({
        path,
        text: await readFile(path, 'utf8').catch(
          () => '(the file could not be read; the policy in memory is still active)',
        ),
      })),
    );
    const tools = [...new Set(deps.tools.map((t) => t.name))].sort();
    return render.page(
      c,
      'Policy',
      <PolicyPage
        policy={p}
        hash={p.hash}
        files={files}
        clients={[...p.clients.keys()]}
        tools={tools}
        input={input}
        result={result}
        csrf={c.get('session').csrf}
      />,
    );
  }

  app.use('/policy', render.signedIn, render.role('security', 'policy'));
  app.use('/policy/*', render.signedIn, render.role('security', 'policy'));
  app.get('/policy', (c) =>
    show(c, { client: 'helpdesk-assistant', tool: 'request_group_add', person: c.get('viewer')!.person.login }),
  );
  app.post('/policy/simulate', async (c) => {
    const parsed = Sim.safeParse(await c.req.parseBody());
    if (!parsed.success)
      return show(c, {}, { ok: false, problem: 'Choose a client and a tool; fields are at most 300 characters.' });
    return show(c, parsed.data, await simulate(deps, parsed.data));
  });
  return app;
}

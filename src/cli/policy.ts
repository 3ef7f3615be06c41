// `warden policy check|explain|test`: validate, explain one decision, and run a policy's test files.
import type { Config } from '../config.js';
import type { DirectoryPort } from '../core/directory.js';
import { policyCheck, policyDiff, policyExplain, policyTest } from './policy-commands.js';
import { toolCatalogFrom } from '../policies/tool-catalog.js';
import { allTools } from '../tools/index.js';
import { flags, print, UsageError, type Io } from './args.js';

const USAGE = `warden policy check [file] [--schema-out F]
       warden policy explain --client ID --tool NAME --input JSON [--person LOGIN] [--file F]
       warden policy test [file] [tests.yaml...] [--verbose]
       warden policy diff OLD NEW [--json]`;

export async function policyCommand(
  argv: string[],
  config: Config,
  directory: () => Promise<DirectoryPort>,
  io: Io,
): Promise<number> {
  const { positionals, values } = flags(
    argv,
    {
      'schema-out': { type: 'string' },
      client: { type: 'string' },
      tool: { type: 'string' },
      input: { type: 'string' },
      person: { type: 'string' },
      file: { type: 'string' },
      verbose: { type: 'boolean' },
      json: { type: 'boolean' },
    },
    USAGE,
  );
  const [sub, ...files] = positionals;
  const catalog = toolCatalogFrom(allTools);
  if (sub === 'check') {
    const r = policyCheck(files[0] ?? config.policyPath, { catalog, schemaOut: values['schema-out'] });
    print(io, r.text); // the text already carries the warnings
    return r.ok ? 0 : 1;
  }
  if (sub === 'test') {
    const path = files[0] ?? config.policyPath;
    const tests = files.length > 1 ? files.slice(1) : [path.replace(/\.ya?ml$/, '.test.yaml')];
    const r = policyTest({ path, tests, catalog, verbose: values.verbose });
    print(io, r.text);
    return r.failed === 0 ? 0 : 1;
  }
  if (sub === 'diff') {
    if (files.length !== 2)
      throw new UsageError(`policy diff needs two policy files, the old and the new\n\nusage: ${USAGE}`);
    const r = policyDiff(files[0]!, files[1]!);
    print(io, values.json ? JSON.stringify(r.diff, null, 2) : r.text);
    return 0;
  }
  if (sub === 'explain') {
    if (!values.client || !values.tool || values.input === undefined)
      throw new UsageError(`--client, --tool and --input are required\n\nusage: ${USAGE}`);
    let input: Record<string, unknown>;
    try {
      input = JSON.parse(values.input);
    } catch {
      throw new UsageError(
        `--input must be JSON, e.g. '{"user":"dana.lee@acme.example","group":"Finance","reason":"…"}'`,
      );
    }
    const fixtures = await factsFromDirectory(await directory(), input);
    print(
      io,
      policyExplain({
        path: values.file ?? config.policyPath,
        client: values.client,
        tool: values.tool,
        input,
        person: values.person,
        catalog,
        ...fixtures,
      }),
    );
    return 0;
  }
  throw new UsageError(`usage: ${USAGE}`);
}

/** The subject's department and manager and the group's owners, read from the directory so explain matches what Warden would decide. */
async function factsFromDirectory(dir: DirectoryPort, input: Record<string, unknown>) {
  const people: Record<string, { department?: string; manager?: string; status?: string; id?: string }> = {};
  const owners: { groups: Record<string, string[]> } = { groups: {} };
  if (typeof input.user === 'string') {
    const u = await dir.getUser(input.user);
    if (u) {
      const m = u.managerId ? await dir.getUser(u.managerId) : null;
      people[input.user] = { id: u.id, department: u.department, status: u.status, manager: m?.login };
    }
  }
  if (typeof input.group === 'string') {
    const g = await dir.getGroup(input.group);
    if (g) owners.groups[input.group] = (await dir.listGroupOwners(g.id)).map((o) => o.login);
  }
  return { people, owners };
}

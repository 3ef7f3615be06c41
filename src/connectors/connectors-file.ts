// The connectors file (WARDEN_CONNECTORS): YAML, validated by zod with file/line/column errors like the policy.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import type { ConnectorDefinition } from '../core/connectors.js';
import { parseYamlSource, type PolicyError } from '../policies/yaml-source.js';
import { zodIssuesToErrors } from '../policies/zod-issues.js';

const Connector = z
  .object({
    app: z
      .string()
      .trim()
      .min(1)
      .describe('The directory app (label or name) this downstream system stands for, e.g. Jira'),
    type: z.literal('scim').describe('The protocol; only SCIM 2.0 for now'),
    url: z
      .string()
      .regex(/^https?:\/\/[^\s]+$/, 'must be an http(s) URL, the SCIM base (e.g. https://jira.example.com/scim/v2)')
      .describe('SCIM 2.0 base URL'),
    tokenEnv: z
      .string()
      .regex(/^[A-Z_][A-Z0-9_]*$/, 'must be an environment variable name like JIRA_SCIM_TOKEN')
      .optional()
      .describe('Environment variable holding the bearer token (never written in this file, never logged)'),
    groups: z
      .record(z.string().min(1), z.string().min(1))
      .default({})
      .describe('Directory group name → group displayName in the app'),
    deprovision: z
      .enum(['deactivate', 'delete'])
      .default('deactivate')
      .describe('What removal and leavers do: set active:false, or delete the account'),
  })
  .strict();

export const ConnectorsFileYaml = z
  .object({
    connectors: z
      .array(Connector)
      .default([])
      .describe('The downstream apps Warden provisions through approved requests'),
  })
  .strict();

export type ConnectorsLoad = { ok: true; connectors: ConnectorDefinition[] } | { ok: false; errors: PolicyError[] };

/** Reads and validates the connectors file. Never throws for a bad file. */
export function loadConnectorsFile(path: string): ConnectorsLoad {
  const file = resolve(path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return {
      ok: false,
      errors: [
        {
          file,
          line: 1,
          column: 1,
          message: `cannot read connectors file (${(err as NodeJS.ErrnoException).code ?? 'read error'})`,
        },
      ],
    };
  }
  const { source, errors } = parseYamlSource(text, file);
  if (errors.length) return { ok: false, errors };
  const parsed = ConnectorsFileYaml.safeParse(source.doc.toJS() ?? {}, { reportInput: true });
  if (!parsed.success) return { ok: false, errors: zodIssuesToErrors(parsed.error.issues, source) };
  const seen = new Map<string, number>();
  const dupes: PolicyError[] = [];
  parsed.data.connectors.forEach((c, i) => {
    const key = c.app.toLowerCase();
    if (seen.has(key))
      dupes.push(
        source.errorAt(
          ['connectors', i, 'app'],
          `connectors[${i}].app: "${c.app}" already has a connector (connectors[${seen.get(key)}])`,
        ),
      );
    else seen.set(key, i);
  });
  if (dupes.length) return { ok: false, errors: dupes };
  return { ok: true, connectors: parsed.data.connectors };
}

/** "file:3:5: message" lines, as `warden connectors check` prints them. */
export const formatConnectorErrors = (errors: readonly PolicyError[]): string =>
  errors.map((e) => `${e.file}:${e.line}:${e.column}: ${e.message}`).join('\n');

/** JSON Schema (draft-07) of the connectors file, for editors. */
export function connectorsJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ConnectorsFileYaml, {
    io: 'input',
    target: 'draft-7',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return {
    ...schema,
    $id: 'https://warden.dev/schema/connectors.schema.json',
    title: 'Warden connectors file',
    description: 'Downstream apps (SCIM 2.0) that approved requests provision and deprovision.',
  };
}

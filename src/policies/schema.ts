// The policy file format (zod): what security teams write in YAML. Compiled for speed by compile.ts.
import { z } from 'zod';
import { TOOLSETS } from '../core/tool.js';
import { DURATION_PATTERN } from './duration.js';
import { LifecycleYaml } from './lifecycle-schema.js';

const Duration = z.string().regex(DURATION_PATTERN, { error: 'must be a duration like 30m, 8h, 7d or 2w' });
const Name = z.string().min(1);
const Globs = z.array(Name);
const OneOrMany = <T extends z.ZodType>(t: T) => z.union([t, z.array(t)]);

export const PrincipalKind = z.enum(['agent', 'person', 'system']);

export const ReasonRule = z.strictObject({
  required: z.boolean().default(true).describe('A reason must be given.'),
  minLength: z.int().min(0).optional().describe('Minimum length after trimming.'),
  pattern: z.string().optional().describe('Regular expression the reason must match, e.g. ^(INC|REQ)-\\d+'),
  patternHint: z.string().optional().describe('What a matching reason looks like, shown when it does not match.'),
});

export const ApproverSpecYaml = z.union(
  [z.enum(['manager', 'owner']), z.strictObject({ group: Name }), z.strictObject({ person: Name })],
  { error: "must be 'manager', 'owner', { group: <group name> } or { person: <login> }" },
);

export const ApprovalStepYaml = z.strictObject({
  id: Name,
  anyOf: z.array(ApproverSpecYaml).min(1),
  count: z.int().min(1).default(1),
  distinct: z.boolean().default(true),
});

export const RuleMatch = z.strictObject({
  tags: z.array(Name).optional().describe('The group/app carries any of these tags.'),
  resource: Globs.optional().describe('The group/app name matches any of these globs.'),
  resourceKind: z.enum(['group', 'app']).optional(),
  subjectDepartment: OneOrMany(Name)
    .optional()
    .describe('The person the change is about is in one of these departments.'),
  clients: Globs.optional().describe('The calling client id matches any of these globs.'),
  principalKind: OneOrMany(PrincipalKind)
    .optional()
    .describe('agent, person or system (an agent client is always an agent).'),
});

export const RuleYaml = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'rule ids are lower-case kebab-case, e.g. privileged-via-agent-deny' }),
  description: z.string().optional(),
  tools: z.array(Name).min(1).describe('Mutating tools this rule applies to.'),
  match: RuleMatch.optional(),
  effect: z.enum(['deny', 'allow', 'approval']),
  approvals: z
    .array(ApprovalStepYaml)
    .optional()
    .describe('Steps, all required (AND); each needs `count` approvals from anyOf.'),
  reason: ReasonRule.optional(),
  maxDuration: Duration.optional(),
  pendingExpiry: Duration.optional(),
});

export const ClientYaml = z.strictObject({
  kind: z
    .enum(['agent', 'person-app', 'system'])
    .describe('system: Warden itself (lifecycle automations); no credential can act as it.'),
  description: z.string().optional(),
  toolsets: z.union([z.literal('*'), z.array(z.enum(TOOLSETS))]),
  tools: z.strictObject({ allow: Globs.optional(), deny: Globs.optional() }).optional(),
  departments: z.union([z.literal('*'), z.array(Name)]).default('*'),
  hiddenFields: z.array(Name).default([]),
  knowledgeAudiences: z.array(Name).default([]),
  requestsPerHour: z.int().min(0).optional(),
});

export const TagYaml = z.strictObject({ groups: Globs.optional(), apps: Globs.optional() });

export const KnowledgeYaml = z.strictObject({
  audiences: z.array(z.strictObject({ path: Name, audience: Name })).default([]),
});

export const DefaultsYaml = z.strictObject({
  effect: z.literal('deny', { error: "the default effect is always 'deny'" }).default('deny'),
  pendingExpiry: Duration.default('72h'),
  requestsPerHour: z.int().min(0).optional(),
  reason: ReasonRule.optional().describe('Reason rule for rules that do not set their own.'),
});

/** Sections shared by the main file and included files. */
const sections = {
  clients: z
    .record(z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'client ids are lower-case kebab-case' }), ClientYaml)
    .optional(),
  tags: z.record(Name, TagYaml).optional(),
  owners: z
    .strictObject({ groups: z.record(Name, z.array(Name)).optional(), apps: z.record(Name, z.array(Name)).optional() })
    .optional(),
  rules: z.array(RuleYaml).optional(),
  knowledge: KnowledgeYaml.optional(),
};

export const PolicyFileYaml = z.strictObject({
  version: z.literal(1, { error: 'version must be 1' }),
  include: z
    .array(Name)
    .optional()
    .describe('Other policy files (relative paths) whose sections are merged after this one.'),
  defaults: DefaultsYaml.default({ effect: 'deny', pendingExpiry: '72h' }),
  ...sections,
  lifecycle: LifecycleYaml.optional().describe('HR-driven joiner/mover/leaver workflows and drift alerts.'),
});

/** An included file: the same sections, without version/defaults/include. */
export const IncludedFileYaml = z.strictObject({ version: z.literal(1).optional(), ...sections });

export type PolicyFile = z.infer<typeof PolicyFileYaml>;
export type IncludedFile = z.infer<typeof IncludedFileYaml>;
export type RuleFile = z.infer<typeof RuleYaml>;
export type ClientFile = z.infer<typeof ClientYaml>;
export type ApproverFile = z.infer<typeof ApproverSpecYaml>;
export type ReasonRuleFile = z.infer<typeof ReasonRule>;

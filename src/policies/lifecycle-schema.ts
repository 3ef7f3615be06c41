// The optional `lifecycle:` policy section: birthright access, what movers and leavers lose, drift alerts.
import { z } from 'zod';
import { DURATION_PATTERN } from './duration.js';

const Name = z.string().min(1);
const OneOrMany = <T extends z.ZodType>(t: T) => z.union([t, z.array(t)]);

export const BirthrightRuleYaml = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'birthright ids are lower-case kebab-case, e.g. engineering-base' }),
  description: z.string().optional(),
  match: z
    .strictObject({
      department: OneOrMany(Name).optional().describe('HR department, case-insensitive.'),
      title: OneOrMany(Name).optional().describe('Job title globs, e.g. "*Engineer*".'),
      location: OneOrMany(Name).optional().describe('HR location, case-insensitive.'),
    })
    .optional()
    .describe('All given fields must match; no match section applies to everyone.'),
  groups: z
    .array(Name)
    .default([])
    .describe(
      'Group names; {department}, {location} and {title} are replaced (spaces become dashes), e.g. Dept-{department}.',
    ),
  apps: z.array(Name).default([]).describe('App names or labels assigned directly.'),
});

export const LifecycleYaml = z.strictObject({
  client: Name.describe(
    'Client id (kind: system) that lifecycle requests are filed as; approvals follow the rules like any request.',
  ),
  reasonPrefix: z
    .string()
    .regex(/^[A-Z]+$/)
    .default('HR')
    .describe('Ticket prefix of lifecycle reasons: "HR-10105 leaver …" (the number is the HR employee id).'),
  birthright: z.array(BirthrightRuleYaml).default([]),
  joiner: z
    .strictObject({
      createUser: z.boolean().default(true).describe('Create the directory user, STAGED until the start date.'),
      activateOnStartDate: z.boolean().default(true),
    })
    .prefault({}),
  mover: z
    .strictObject({
      removeOldBirthright: z
        .boolean()
        .default(true)
        .describe('Request removal of birthright access the new role does not justify.'),
      alsoRemoveGroups: z
        .array(Name)
        .default([])
        .describe('Group globs a mover always loses (e.g. Proj-*); removal still needs approval.'),
      notifyManager: z.boolean().default(true),
    })
    .prefault({}),
  leaver: z
    .strictObject({
      action: z.enum(['deactivate', 'suspend']).default('deactivate'),
      removeApps: z.boolean().default(true).describe('Request removal of every direct app assignment.'),
      removeGroups: z
        .array(Name)
        .default([])
        .describe('Group globs a leaver loses (["*"] for every group the directory manages).'),
      reportAfter: z
        .string()
        .regex(DURATION_PATTERN)
        .default('7d')
        .describe('Write the offboarding report when every request is settled, or after this long.'),
    })
    .prefault({}),
  drift: z
    .strictObject({
      watchTags: z
        .array(Name)
        .default(['privileged', 'sensitive'])
        .describe('Memberships of groups with these tags must come from an approved request.'),
    })
    .prefault({}),
  licences: z.strictObject({ inactiveDays: z.int().min(1).default(90) }).prefault({}),
});

export type LifecycleFile = z.infer<typeof LifecycleYaml>;
export type BirthrightRuleFile = z.infer<typeof BirthrightRuleYaml>;

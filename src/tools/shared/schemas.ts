// Output shapes shared by the identity tools (what models see about people, groups and apps).
import { z } from 'zod';
import { USER_STATUSES } from '../../core/directory.js';

export const UserRefOut = z.object({
  id: z.string(),
  login: z.string(),
  displayName: z.string(),
});

export const UserBriefOut = UserRefOut.extend({
  status: z.enum(USER_STATUSES),
  title: z.string().optional(),
  department: z.string().optional(),
  location: z.string().optional(),
});

export const GroupRefOut = z.object({
  id: z.string(),
  name: z.string(),
  tags: z.array(z.string()).describe('Tags from policy, e.g. privileged, sensitive'),
});

export const OwnerOut = UserRefOut;

/** The user input accepted wherever a tool needs one person. */
export const userQuery = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .describe('The person: login or email (best), Okta id (00u…), employee number (E10042) or full name');

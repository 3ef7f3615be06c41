// Finds one person from whatever the caller has: login, email, directory id, employee number or name.
import type { DirectoryUser } from '../../core/directory.js';
import { InvalidInputError, NotFoundError } from '../../core/errors.js';
import type { ToolContext } from '../../core/tool.js';

export type UserMatch =
  | { kind: 'one'; user: DirectoryUser }
  | { kind: 'many'; candidates: DirectoryUser[] }
  | { kind: 'none' };

const OKTA_ID = /^00u[A-Za-z0-9]{17}$/;
const EMPLOYEE_NO = /^E\d{3,}$/i;

/** Looks a person up; a name that fits several people returns all of them, never a guess. */
export async function matchUser(ctx: ToolContext, raw: string): Promise<UserMatch> {
  const q = raw.trim();
  if (OKTA_ID.test(q) || q.includes('@')) {
    const u = await ctx.directory.getUser(q);
    return u ? { kind: 'one', user: u } : { kind: 'none' };
  }
  if (EMPLOYEE_NO.test(q)) {
    // A client that may not see employee numbers may not use them to find (or confirm) someone either.
    if (ctx.scope.hiddenFields.includes('employeeNumber')) {
      throw new InvalidInputError('This client may not look people up by employee number.', {
        hint: 'Use their login, email or name.',
      });
    }
    const page = await ctx.directory.findUsers({ employeeNumber: q.toUpperCase(), limit: 5 });
    return fromList(page.items);
  }
  const page = await ctx.directory.findUsers({ name: q, limit: 20 });
  const exact = page.items.filter(
    (u) =>
      u.displayName.toLowerCase() === q.toLowerCase() ||
      `${u.firstName} ${u.lastName}`.toLowerCase() === q.toLowerCase(),
  );
  return fromList(exact.length ? exact : page.items);
}

function fromList(list: DirectoryUser[]): UserMatch {
  if (list.length === 0) return { kind: 'none' };
  if (list.length === 1) return { kind: 'one', user: list[0]! };
  return { kind: 'many', candidates: list };
}

/** Like matchUser but for tools that need exactly one person: ambiguity and absence become clear errors. */
export async function requireUser(ctx: ToolContext, raw: string): Promise<DirectoryUser> {
  const m = await matchUser(ctx, raw);
  if (m.kind === 'one') return m.user;
  if (m.kind === 'none') {
    throw new NotFoundError(`No person matches "${raw}" in the directory you can see.`, {
      hint: 'Check the spelling, or use search_users to find them by department or title.',
    });
  }
  throw new InvalidInputError(`"${raw}" matches ${m.candidates.length} people; say which one.`, {
    hint: 'Call again with one of the candidate logins.',
    details: {
      candidates: m.candidates
        .slice(0, 10)
        .map((u) => ({ login: u.login, displayName: u.displayName, title: u.title, department: u.department })),
    },
  });
}

// Builds CallFacts from a compact call description (policy tests, `warden policy explain`).
import type { CallFacts } from '../core/policy.js';
import type { Principal } from '../core/principal.js';
import type { CompiledPolicy } from './compiled-policy.js';
import { parseDuration } from './duration.js';
import { ownersFor, tagsFor } from './tags.js';
import { DEFAULT_TOOL_CATALOG, type ToolCatalog } from './tool-catalog.js';

export interface PersonSpec {
  login: string;
  id?: string;
  department?: string;
  /** Login of the person's manager (`managerLogin` is accepted too). */
  manager?: string;
  managerLogin?: string;
  status?: string;
}

export interface CallSpec {
  principal: { kind: Principal['kind']; clientId: string; person?: string | { login: string; id?: string } };
  tool: string;
  /** Needed only for tools missing from the catalog. */
  toolset?: string;
  mutating?: boolean;
  input?: Record<string, unknown>;
  /** Defaults to `input.user` looked up in `people`. */
  subject?: PersonSpec;
  /** Defaults to `input.group` / `input.app`, with tags and owners from the policy. */
  resource?: { kind?: 'group' | 'app'; name: string; tags?: string[]; owners?: string[] };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

function durationOf(input: Record<string, unknown>): number | undefined {
  if (typeof input.durationSeconds === 'number') return input.durationSeconds;
  if (typeof input.duration === 'number') return input.duration;
  if (typeof input.duration === 'string') {
    const s = parseDuration(input.duration);
    if (s === undefined) throw new Error(`input.duration "${input.duration}" is not a duration like 8h or 30d`);
    return s;
  }
  return undefined;
}

/** Directory facts a caller may supply: people by login, and group/app owners by name. */
export interface FactFixtures {
  people?: Readonly<Record<string, Omit<PersonSpec, 'login'>>>;
  owners?: { groups?: Readonly<Record<string, readonly string[]>>; apps?: Readonly<Record<string, readonly string[]>> };
}

const lookupOwners = (rec: Readonly<Record<string, readonly string[]>> | undefined, name: string): readonly string[] =>
  Object.entries(rec ?? {}).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1] ?? [];

/** Turns a call description into the facts decide() reads. Throws for a tool it cannot place. */
export function buildFacts(
  policy: CompiledPolicy,
  call: CallSpec,
  opts: FactFixtures & { catalog?: ToolCatalog } = {},
): CallFacts {
  const info = (opts.catalog ?? DEFAULT_TOOL_CATALOG).get(call.tool);
  const toolset = call.toolset ?? info?.toolset;
  const mutating = call.mutating ?? info?.mutating;
  if (toolset === undefined || mutating === undefined)
    throw new Error(`unknown tool "${call.tool}": give its toolset and mutating flag`);
  const input = call.input ?? {};
  const p = call.principal;
  const person =
    typeof p.person === 'string'
      ? { id: p.person, login: p.person }
      : p.person
        ? { id: p.person.id ?? p.person.login, login: p.person.login }
        : undefined;
  const principal: Principal = {
    kind: p.kind,
    clientId: p.clientId,
    auth: p.kind === 'agent' ? 'api_key' : p.kind === 'system' ? 'system' : 'cli',
    ...(person ? { person } : {}),
  };

  // `account`: an orphan account in a connected app stands in for the person (request_downstream_account_removal).
  const subjectLogin = call.subject?.login ?? str(input.user) ?? str(input.login) ?? str(input.account);
  const known = subjectLogin ? opts.people?.[subjectLogin] : undefined;
  const s = { ...known, ...call.subject };
  const manager = s.managerLogin ?? s.manager;
  const subject = subjectLogin
    ? {
        id: s.id ?? subjectLogin,
        login: subjectLogin,
        ...(s.department ? { department: s.department } : {}),
        ...(s.status ? { status: s.status } : {}),
        ...(manager ? { managerLogin: manager } : {}),
      }
    : undefined;

  const r = call.resource;
  const kind = r?.kind ?? (str(input.app) ? 'app' : 'group');
  const name = r?.name ?? str(input.group) ?? str(input.app);
  const resource = name
    ? {
        kind,
        id: name,
        name,
        tags: [...new Set([...tagsFor(policy, kind, name), ...(r?.tags ?? [])])],
        ownerLogins: r?.owners ?? [
          ...new Set([
            ...ownersFor(policy, kind, name),
            ...lookupOwners(kind === 'group' ? opts.owners?.groups : opts.owners?.apps, name),
          ]),
        ],
      }
    : undefined;

  const durationSeconds = durationOf(input);
  const reason = str(input.reason);
  return {
    principal,
    tool: call.tool,
    toolset,
    mutating,
    input,
    ...(subject ? { subject } : {}),
    ...(resource ? { resource } : {}),
    ...(durationSeconds !== undefined ? { durationSeconds } : {}),
    ...(reason !== undefined ? { reason } : {}),
  };
}

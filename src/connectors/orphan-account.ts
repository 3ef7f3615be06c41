// Accounts no person holds (reconcile orphans): found live in the app, and checked again before approval and execution.
import type {
  ConnectorReader,
  DownstreamAccount,
  DownstreamAccountFinder,
  DownstreamChange,
} from '../core/connectors.js';
import type { DirectoryPort } from '../core/directory.js';
import type { ConnectorRegistry } from './registry.js';

type Person = { id: string; login: string; status: string };

const same = (a: string | undefined, b: string | undefined) => !!a && !!b && a.toLowerCase() === b.toLowerCase();

/**
 * The person an account belongs to, matched as reconcile matches it (any status): externalId = directory id, else
 * userName = login or email, else one of the account's emails = a person's login or email.
 */
export async function personOfAccount(
  directory: Pick<DirectoryPort, 'getUser'>,
  a: Pick<DownstreamAccount, 'externalId' | 'userName' | 'emails'>,
): Promise<Person | undefined> {
  const byId = a.externalId ? await directory.getUser(a.externalId) : null;
  if (byId && byId.id === a.externalId) return { id: byId.id, login: byId.login, status: byId.status };
  for (const handle of [a.userName, ...(a.emails ?? [])]) {
    const u = handle ? await directory.getUser(handle) : null;
    if (u && (same(u.login, handle) || same(u.email, handle))) return { id: u.id, login: u.login, status: u.status };
  }
  return undefined;
}

/** An account by userName, else by id, read from the app now. */
async function findLive(client: ConnectorReader, account: string): Promise<DownstreamAccount | null> {
  return (await client.findAccount({ userName: account })) ?? (await client.getAccount(account));
}

/** What tools may read: which directory app has a connector, and an account as the app holds it now. */
export function createAccountFinder(registry: ConnectorRegistry, directory: DirectoryPort): DownstreamAccountFinder {
  return {
    connectorFor(app) {
      const c = registry.forApp(app);
      return c && { app: c.def.app, deprovision: c.def.deprovision };
    },
    async find(app, account) {
      const c = registry.forApp(app);
      if (!c) return null;
      const found = await findLive(c.client, account.trim());
      if (!found) return null;
      const person = await personOfAccount(directory, found);
      return { app: c.def.app, account: found, ...(person ? { person } : {}) };
    },
  };
}

/**
 * Whether removing an orphan account still applies, from the app and the directory as they are now: null when it does,
 * otherwise the stable rule and a reason safe to show (it never names the person an account now matches).
 */
export async function orphanAccountCheck(
  registry: ConnectorRegistry,
  directory: DirectoryPort,
  c: DownstreamChange,
  opts: { started?: boolean } = {},
): Promise<{ rule: string; why: string } | null> {
  const app = c.connectorApp ?? '';
  const name = `The ${app} account ${c.accountUserName} (id ${c.accountId})`;
  const connector = registry.all().find((x) => same(x.def.app, app));
  if (!connector)
    return {
      rule: 'connector-missing',
      why: `${app} is no longer a connected app (the connectors file changed), so Warden cannot reach the account.`,
    };
  const a = await connector.client.getAccount(c.accountId ?? '');
  if (a && (await personOfAccount(directory, a)))
    return {
      rule: 'account-matched',
      why: `${name} now matches a person in the directory; remove it with request_app_removal for that person instead.`,
    };
  if (opts.started) return null; // inactive or gone may be the earlier run's own work
  if (!a) return { rule: 'account-gone', why: `${name} no longer exists in ${app}.` };
  if (!a.active && c.mode !== 'delete') return { rule: 'account-inactive', why: `${name} is already inactive.` };
  return null;
}

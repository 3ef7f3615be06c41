// Accounts no person holds (reconcile orphans): found live in the app, and checked again before approval and execution.
import type {
  ConnectorReader,
  DownstreamAccount,
  DownstreamAccountFinder,
  DownstreamChange,
} from '../core/connectors.js';
import type { DirectoryPort } from '../core/directory.js';
import type { ConnectorRegistry } from './registry.js';
import { personOfAccount } from './person-match.js';
import { sameIgnoringCase } from '../core/text.js';

type Person = { id: string; login: string; status: string };

/** The person an account belongs to, looked up in the directory now (see personOfAccount). */
async function personOf(
  directory: Pick<DirectoryPort, 'getUser'>,
  a: Pick<DownstreamAccount, 'externalId' | 'userName' | 'emails'>,
): Promise<Person | undefined> {
  const u = await personOfAccount(a, { byId: (id) => directory.getUser(id), byHandle: (h) => directory.getUser(h) });
  return u && { id: u.id, login: u.login, status: u.status };
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
      const person = await personOf(directory, found);
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
  const connector = registry.all().find((x) => sameIgnoringCase(x.def.app, app));
  if (!connector)
    return {
      rule: 'connector-missing',
      why: `${app} is no longer a connected app (the connectors file changed), so Warden cannot reach the account.`,
    };
  const a = await connector.client.getAccount(c.accountId ?? '');
  if (a && (await personOf(directory, a)))
    return {
      rule: 'account-matched',
      why: `${name} now matches a person in the directory; remove it with request_app_removal for that person instead.`,
    };
  if (opts.started) return null; // inactive or gone may be the earlier run's own work
  if (!a) return { rule: 'account-gone', why: `${name} no longer exists in ${app}.` };
  if (!a.active && c.mode !== 'delete') return { rule: 'account-inactive', why: `${name} is already inactive.` };
  return null;
}

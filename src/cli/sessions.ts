// `warden sessions revoke --person LOGIN`: ends every web session of a person (a lost laptop, a stolen cookie).
import { userInfo } from 'node:os';
import type { AuditLog } from '../audit/index.js';
import type { Store } from '../core/store.js';
import { storeRevocations } from '../web/session/revocations.js';
import { flags, print, UsageError, type Io } from './args.js';

const USAGE = 'warden sessions revoke --person <login>';

export async function sessionsCommand(
  argv: string[],
  deps: { store: Store; audit: AuditLog },
  io: Io,
): Promise<number> {
  const { positionals, values } = flags(argv, { person: { type: 'string' } }, USAGE);
  const login = values.person?.trim().toLowerCase();
  if (positionals[0] !== 'revoke' || !login) throw new UsageError(`usage: ${USAGE}`);
  await storeRevocations(deps.store).revokeAll(login, Date.now());
  await deps.audit.append({
    actor: { kind: 'system', clientId: 'warden-cli' },
    action: 'web.sessions-revoked',
    outcome: 'ok',
    args: { person: login, via: `cli:${userInfo().username}` },
  });
  print(
    io,
    `Ended every session of ${login}: each browser must sign in again (API keys are separate: warden keys revoke).`,
  );
  return 0;
}

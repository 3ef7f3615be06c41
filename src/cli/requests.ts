// `warden requests list|show|approve|deny|retry`: operators act on access requests, as a named person.
import type { AccessRequests } from '../governance/requests/index.js';
import type { DirectoryPort } from '../core/directory.js';
import type { Principal } from '../core/principal.js';
import type { RequestStatus, Store } from '../core/store.js';
import { userInfo } from 'node:os';
import { flags, print, UsageError, type Io } from './args.js';

const USAGE = `warden requests list [--status S]
       warden requests show <id>
       warden requests approve|deny <id> --as <login> [--comment TEXT]
       warden requests retry <id>`;

export async function requestsCommand(
  argv: string[],
  deps: { access: AccessRequests; store: Store; directory: DirectoryPort },
  io: Io,
): Promise<number> {
  const { positionals, values } = flags(
    argv,
    { status: { type: 'string' }, as: { type: 'string' }, comment: { type: 'string' } },
    USAGE,
  );
  const [sub, id] = positionals;
  if (sub === 'list') {
    const views = await deps.access.requests.list({ status: values.status as RequestStatus | undefined, limit: 200 });
    if (views.length === 0) print(io, 'No requests.');
    for (const v of views)
      print(
        io,
        `${v.id}  ${v.status.padEnd(9)} ${v.createdAt.slice(0, 16)}  ${v.summary}  (by ${v.requester.person ?? v.requester.client})`,
      );
    return 0;
  }
  if (!id) throw new UsageError(`usage: ${USAGE}`);
  if (sub === 'show') {
    const v = await deps.access.requests.get(id);
    const approvals = await deps.store.listApprovals(id);
    print(
      io,
      [
        `${v.id}: ${v.summary}`,
        `  status:    ${v.status}${v.failureReason ? ` (${v.failureReason})` : ''}`,
        `  asked by:  ${v.requester.person ?? '-'} via ${v.requester.client}`,
        `  reason:    ${v.reason ?? '-'}`,
        `  rule:      ${v.rule} — ${v.why}`,
        ...v.approvals.map(
          (a) =>
            `  step ${a.step}: ${a.approvedBy.length}/${a.needs} approved${a.approvedBy.length ? ` by ${a.approvedBy.join(', ')}` : ''}; eligible: ${a.eligible.join(', ') || 'nobody'}`,
        ),
        ...approvals.map((a) => `  ${a.at}  ${a.approverLogin} ${a.decision}d${a.comment ? `: ${a.comment}` : ''}`),
        `  expires:   ${v.expiresAt ?? '-'}${v.grantExpiresAt ? `; access removed at ${v.grantExpiresAt}` : ''}`,
      ].join('\n'),
    );
    return 0;
  }
  if (sub === 'approve' || sub === 'deny') {
    if (!values.as)
      throw new UsageError(
        '--as <login> is required: decisions are recorded against a person, and nobody may approve their own request.',
      );
    const u = await deps.directory.getUser(values.as);
    if (!u) throw new UsageError(`${values.as} is not in the directory.`);
    const principal: Principal = {
      kind: 'person',
      clientId: 'warden-cli',
      auth: 'cli',
      person: { id: u.id, login: u.login, displayName: u.displayName },
    };
    // The CLI is for trusted operators with access to the server; the OS account is recorded next to the named person.
    const v = await deps.access.approvals.decide(id, principal, sub, values.comment, {
      via: `cli:${userInfo().username}`,
    });
    await deps.access.executor.idle();
    print(io, `${v.id}: ${(await deps.access.requests.get(id)).status}`);
    return 0;
  }
  if (sub === 'retry') {
    await deps.access.executor.retry(id);
    print(io, `${id}: ${(await deps.access.requests.get(id)).status}`);
    return 0;
  }
  throw new UsageError(`usage: ${USAGE}`);
}

// Filing the removal of an account no person holds (a reconcile orphan): the account, read live, must still be an active orphan.
import type { DownstreamPort } from '../../core/connectors.js';
import { ConflictError } from '../../core/errors.js';
import type { Change, RequestSubject } from '../../core/requests.js';

/**
 * True for an orphan account's removal once the app confirms it still applies; false for every other change. Throws a
 * conflict (nothing filed) when the account is gone, already inactive, or now matches a person.
 */
export async function checkAccountChange(
  downstream: Pick<DownstreamPort, 'accountCheck'> | undefined,
  change: Change,
  subject: RequestSubject,
): Promise<boolean> {
  if (change.kind !== 'downstream_account_remove') return false;
  if (subject.id !== change.userId || subject.login !== change.userLogin)
    throw new Error(
      'a downstream_account_remove request is about the account itself: subject id and login must be its own',
    );
  const r = await orphanStillApplies(downstream, change);
  if (r)
    throw new ConflictError(`Nothing to file: ${r.why}`, {
      hint: 'Run `warden connectors reconcile` (or look at the latest reconcile report) for the current orphan accounts.',
      details: { rule: `recheck.${r.rule}` },
    });
  return true;
}

/**
 * Whether an orphan account's removal still applies, read live from the app: null when it does, else the rule and a
 * reason safe to show. Without connected apps it cannot apply.
 */
export async function orphanStillApplies(
  downstream: Pick<DownstreamPort, 'accountCheck'> | undefined,
  change: Change,
  opts?: { started?: boolean },
): Promise<{ rule: string; why: string } | null> {
  if (!downstream?.accountCheck)
    return { rule: 'connector-missing', why: 'Connected apps are not available on this Warden.' };
  return downstream.accountCheck(change, opts);
}

/** The request subject standing in for the person: the account itself (id `account:<app>:<id>`, login = its userName). */
export const accountSubject = (c: Extract<Change, { kind: 'downstream_account_remove' }>): RequestSubject => ({
  id: c.userId,
  login: c.userLogin,
});

// ~150 System Log events for the 60 days before NOW, derived from the data so they agree with it.
import type { SeedEvent } from '../../../src/directory/seed.js';
import type { AppModel, RoleModel } from './apps.js';
import type { Cast } from './cast.js';
import type { GroupModel, Groups } from './groups.js';
import type { Person } from './people.js';
import { DAY, HOUR, NOW, iso, type IdFactory, type Rng } from './prng.js';

type Actor = SeedEvent['actor'];
type Target = SeedEvent['target'][number];
interface Draft {
  at: number;
  eventType: string;
  displayMessage: string;
  severity: string;
  actor: Actor;
  target: Target[];
}

const WINDOW_START = NOW - 60 * DAY;
const PROVISIONED_APPS = new Set(['slack', 'google_workspace']);
const MESSAGES: Record<string, string> = {
  'group.user_membership.add': 'Add user to group membership',
  'group.user_membership.remove': 'Remove user from group membership',
  'application.user_membership.add': 'Add user to application membership',
  'application.user_membership.remove': 'Remove user from application membership',
  'user.lifecycle.create': 'Create Okta user',
  'user.lifecycle.activate': 'Activate Okta user',
  'user.lifecycle.suspend': 'Suspend Okta user',
  'user.lifecycle.deactivate': 'Deactivate Okta user',
  'user.account.lock': 'Max sign in attempts exceeded',
  'user.account.privilege.grant': 'Grant user privilege',
  'user.mfa.factor.reset_all': 'Reset all factors for user',
};

export function buildEvents(
  people: readonly Person[],
  cast: Cast,
  groups: Groups,
  apps: readonly AppModel[],
  roles: readonly RoleModel[],
  rng: Rng,
  ids: IdFactory,
): SeedEvent[] {
  const userRef = (p: Person): Target => ({ id: p.id, type: 'User', alternateId: p.login, displayName: p.displayName });
  const groupRef = (g: GroupModel): Target => ({
    id: g.id,
    type: 'UserGroup',
    alternateId: g.name,
    displayName: g.name,
  });
  const appRef = (a: AppModel): Target => ({
    id: a.id,
    type: 'AppInstance',
    alternateId: a.name,
    displayName: a.label,
  });
  const workday = apps.find((a) => a.name === 'workday')!;
  // HR-driven provisioning and group rules act as the system.
  const system: Actor = {
    id: workday.id,
    type: 'PublicClientApp',
    alternateId: 'workday',
    displayName: 'Workday HR Provisioning',
  };
  const admin = (...who: Person[]): Actor => ({ ...userRef(rng.pick(who)), type: 'User' });
  const groupAdmins = [cast.itSupportManager, cast.itOpsManager, cast.itAdmin];
  const appAdmins = [cast.sysAdmin, cast.itOpsManager, cast.itAdmin];

  const drafts: Draft[] = [];
  const log = (at: number, eventType: string, actor: Actor, target: Target[], severity = 'INFO') => {
    if (at >= WINDOW_START && at < NOW)
      drafts.push({ at, eventType, displayMessage: MESSAGES[eventType]!, severity, actor, target });
  };

  for (const p of people) {
    log(p.created, 'user.lifecycle.create', system, [userRef(p)]);
    if (p.activated !== null) log(p.activated, 'user.lifecycle.activate', system, [userRef(p)]);
    if (p.status === 'SUSPENDED')
      log(p.statusChanged!, 'user.lifecycle.suspend', admin(cast.itOpsManager, cast.itAdmin), [userRef(p)]);
    if (p.status === 'LOCKED_OUT')
      log(p.statusChanged!, 'user.account.lock', { ...userRef(p), type: 'User' }, [userRef(p)], 'WARN');
    if (p.status === 'DEPROVISIONED') log(p.statusChanged!, 'user.lifecycle.deactivate', system, [userRef(p)]);
  }

  for (const g of groups.list) {
    // Everyone and imported app groups change without membership events of their own.
    if (g.type !== 'OKTA_GROUP') continue;
    for (const m of g.members)
      log(m.added, 'group.user_membership.add', m.by === 'system' ? system : admin(...groupAdmins), [
        userRef(m.person),
        groupRef(g),
      ]);
  }
  for (const r of groups.removals) {
    log(r.added, 'group.user_membership.add', r.by === 'system' ? system : admin(...groupAdmins), [
      userRef(r.person),
      groupRef(r.group),
    ]);
    log(r.removed, 'group.user_membership.remove', r.by === 'system' ? system : admin(...groupAdmins), [
      userRef(r.person),
      groupRef(r.group),
    ]);
  }

  for (const a of apps) {
    for (const u of a.userAssignments)
      log(u.created, 'application.user_membership.add', admin(...appAdmins), [userRef(u.person), appRef(a)]);
    // Deactivation unassigned leavers from every app their groups had given them.
    for (const p of people.filter((x) => x.status === 'DEPROVISIONED')) {
      // Of the apps everyone gets, only the provisioned ones (Slack, Google Workspace) log an unassignment.
      const viaGroup = a.groupAssignments.some((ga) =>
        ga.group.type === 'BUILT_IN'
          ? PROVISIONED_APPS.has(a.name)
          : groups.removals.some((r) => r.person === p && r.group === ga.group),
      );
      if (viaGroup)
        log(p.statusChanged! + rng.int(30_000, 180_000), 'application.user_membership.remove', system, [
          userRef(p),
          appRef(a),
        ]);
    }
  }

  for (const r of roles)
    log(r.created, 'user.account.privilege.grant', admin(cast.itHead), [
      userRef(r.person),
      { id: r.id, type: 'ROLE', alternateId: r.type, displayName: r.label },
    ]);

  // Help desk factor resets, one of them for a super admin who replaced a phone.
  const resetTargets = [
    cast.itHead,
    ...rng.shuffle(people.filter((p) => p.kind === 'regular' && p.status === 'ACTIVE')).slice(0, 4),
  ];
  for (const target of resetTargets)
    log(rng.between(WINDOW_START + DAY, NOW - HOUR), 'user.mfa.factor.reset_all', admin(cast.helpdesk), [
      userRef(target),
    ]);

  drafts.sort(
    (a, b) => a.at - b.at || a.eventType.localeCompare(b.eventType) || a.target[0]!.id.localeCompare(b.target[0]!.id),
  );
  return drafts.map((d) => ({
    uuid: ids.uuid(),
    published: iso(d.at),
    eventType: d.eventType,
    displayMessage: d.displayMessage,
    severity: d.severity,
    actor: d.actor,
    target: d.target,
    outcome: { result: 'SUCCESS', reason: null },
  }));
}

// The `okta` DirectoryPort: the official SDK behind Warden's executor (pacing, retries, call counting).
import type { Logger } from 'pino';
import type { DirectoryPort } from '../../core/directory.js';
import { AppCatalogue } from './app-catalogue.js';
import { OktaAppReads } from './app-reads.js';
import { OktaCalls } from './calls.js';
import { createOktaClient, type OktaAuthOptions } from './client.js';
import { OktaGroupReads } from './group-reads.js';
import { OktaMutations } from './mutations.js';
import { OktaLifecycle } from './lifecycle-calls.js';
import { RatePacer } from './rate-pacer.js';
import { WardenRequestExecutor, type OktaStats } from './request-executor.js';
import { OktaUserReads } from './user-reads.js';

export interface OktaDirectoryOptions extends OktaAuthOptions {
  /** Retries after the first attempt for 429, 5xx and network errors (default 4). */
  maxRetries?: number;
  log?: Logger;
  /** Per-attempt HTTP timeout (default 30 s). */
  requestTimeoutMs?: number;
  /** Base of the exponential backoff for 5xx and network errors (default 250 ms). */
  retryBaseMs?: number;
  /** Longest wait for a rate-limit window to reset, before giving up with rate_limited (default 60 s). */
  maxRateLimitWaitMs?: number;
  /** Share of each rate-limit window left for the org's other API clients (default 0.05). */
  rateLimitReserve?: number;
  /**
   * How long the app catalogue (apps, app↔group assignments: configuration, never access state) is kept
   * (default 60 000 ms; 0 disables). See app-catalogue.ts for what is cached and the trade-off.
   */
  catalogueTtlMs?: number;
}

export type OktaDirectory = DirectoryPort & { stats(): OktaStats; resetStats(): void; clearCatalogue(): void };

/** Builds the Okta directory adapter. Nothing is fetched until the first call. */
export function createOktaDirectory(opts: OktaDirectoryOptions): OktaDirectory {
  const stats: OktaStats = { calls: 0, retries: 0, throttledMs: 0 };
  const pacer = new RatePacer({
    reserveFraction: opts.rateLimitReserve,
    maxWaitMs: opts.maxRateLimitWaitMs,
    onWait: (bucket, ms) => {
      stats.throttledMs += ms;
      opts.log?.info({ bucket, waitMs: ms }, 'okta rate limit nearly spent; pacing');
    },
  });
  const executor = new WardenRequestExecutor({
    pacer,
    stats,
    maxRetries: opts.maxRetries ?? 4,
    retryBaseMs: opts.retryBaseMs ?? 250,
    requestTimeoutMs: opts.requestTimeoutMs ?? 30_000,
    log: opts.log,
  });
  const client = createOktaClient(opts, executor);
  const calls = new OktaCalls(opts.log);
  const users = new OktaUserReads(client, calls);
  const catalogue = new AppCatalogue(opts.catalogueTtlMs ?? 60_000);
  const groups = new OktaGroupReads(client, calls, catalogue);
  const apps = new OktaAppReads(client, calls, catalogue);
  const m = new OktaMutations(client, calls);
  const life = new OktaLifecycle(client, calls);
  // Warden's own changes drop the catalogue (whether or not they landed), so it never outlives them.
  const changing = async <T>(p: Promise<T>): Promise<T> => {
    try {
      return await p;
    } finally {
      catalogue.clear();
    }
  };
  return {
    kind: 'okta',
    getUser: (k) => users.getUser(k),
    findUsers: (q) => users.findUsers(q),
    listUserGroups: (id) => users.listUserGroups(id),
    listUserAppLinks: (id) => users.listUserAppLinks(id),
    listUserRoles: (id) => users.listUserRoles(id),
    getGroup: (k) => groups.getGroup(k),
    findGroups: (o) => groups.findGroups(o),
    listGroupMembers: (id, o) => groups.listGroupMembers(id, o),
    countGroupMembers: (id) => groups.countGroupMembers(id),
    listGroupOwners: (id, o) => groups.listGroupOwners(id, o),
    getApp: (k) => apps.getApp(k),
    listApps: () => apps.listApps(),
    listAppGroups: (id, o) => apps.listAppGroups(id, o),
    listAppsForGroup: (id) => apps.listAppsForGroup(id),
    listUserAppAssignments: (id) => apps.listUserAppAssignments(id),
    getAppAssignment: (a, u) => apps.getAppAssignment(a, u),
    listEvents: (o) => apps.listEvents(o),
    addGroupMember: (g, u) => changing(m.addGroupMember(g, u)),
    removeGroupMember: (g, u) => changing(m.removeGroupMember(g, u)),
    assignApp: (a, u) => changing(m.assignApp(a, u)),
    unassignApp: (a, u) => changing(m.unassignApp(a, u)),
    suspendUser: (u) => changing(m.suspendUser(u)),
    unsuspendUser: (u) => changing(m.unsuspendUser(u)),
    deactivateUser: (u) => changing(m.deactivateUser(u)),
    createUser: (input) => changing(life.createUser(input)),
    activateUser: (u) => changing(life.activateUser(u)),
    listAppUsers: (a) => life.listAppUsers(a),
    readEventLog: (o) => life.readEventLog(o),
    stats: () => ({ ...stats }),
    resetStats: () => {
      stats.calls = 0;
      stats.retries = 0;
      stats.throttledMs = 0;
    },
    clearCatalogue: () => catalogue.clear(),
  };
}

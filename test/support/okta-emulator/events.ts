// System Log events appended by emulator mutations, in the full LogEvent shape.
import type { SeedGroup, SeedUser, SeedApp } from '../../../src/directory/seed.js';
import { newUuid, nowIso, type EmulatorState, type StoredEvent } from './state.js';

type Target = { id: string; type: string; alternateId: string; displayName: string };

export const userTarget = (u: SeedUser): Target => ({
  id: u.id,
  type: 'User',
  alternateId: u.profile.login,
  displayName: u.profile.displayName,
});
export const groupTarget = (g: SeedGroup): Target => ({
  id: g.id,
  type: 'UserGroup',
  alternateId: 'unknown',
  displayName: g.profile.name,
});
export const appTarget = (a: SeedApp): Target => ({
  id: a.id,
  type: 'AppInstance',
  alternateId: a.label,
  displayName: a.label,
});

export interface EventContext {
  requestId: string;
  requestUri: string;
  userAgent: string;
}

export const API_ADMIN = {
  id: '00uWardenApiAdmin01',
  type: 'User',
  alternateId: 'warden-service@example.com',
  displayName: 'Warden Service',
};

/** Appends one SUCCESS event made by the API token's admin; returns its uuid. */
export function appendEvent(
  state: EmulatorState,
  ctx: EventContext,
  eventType: string,
  displayMessage: string,
  target: Target[],
): string {
  return appendLogEvent(state, ctx, { eventType, displayMessage, target });
}

/** Appends one event (any actor, optional debugData), tells the listeners (event hooks), and returns its uuid. */
export function appendLogEvent(
  state: EmulatorState,
  ctx: EventContext,
  e: {
    eventType: string;
    displayMessage: string;
    target: Target[];
    actor?: Target;
    debugData?: Record<string, unknown>;
  },
): string {
  const uuid = newUuid();
  const { eventType, displayMessage, target } = e;
  const stored: StoredEvent = {
    uuid,
    published: nowIso(),
    eventType,
    displayMessage,
    severity: 'INFO',
    actor: e.actor ?? API_ADMIN,
    target,
    outcome: { result: 'SUCCESS', reason: null },
    seq: state.nextSeq++,
    extra: {
      version: '0',
      legacyEventType: null,
      client: {
        userAgent: { rawUserAgent: ctx.userAgent, os: 'Unknown', browser: 'UNKNOWN' },
        zone: 'null',
        device: 'Unknown',
        ipAddress: '127.0.0.1',
      },
      authenticationContext: { authenticationStep: 0, externalSessionId: 'trs' + uuid.slice(0, 20) },
      transaction: { type: 'WEB', id: ctx.requestId, detail: { requestApiTokenId: '00TWardenToken00001' } },
      debugContext: { debugData: { requestId: ctx.requestId, requestUri: ctx.requestUri, ...e.debugData } },
      request: { ipChain: [{ ip: '127.0.0.1', version: 'V4' }] },
      securityContext: {},
    },
  };
  state.events.push(stored);
  for (const listener of state.listeners) listener(stored);
  return uuid;
}

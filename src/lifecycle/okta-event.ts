// Okta LogEvent and event-hook envelope shapes (zod), and the job one event becomes (keyed by user, ordered by published).
import { z } from 'zod';
import type { DirectoryEvent } from '../core/directory.js';
import type { NewJob } from '../core/store.js';

const Party = z
  .object({ id: z.string(), type: z.string(), alternateId: z.string().nullish(), displayName: z.string().nullish() })
  .loose();

/** The fields Warden reads; anything else Okta sends is ignored. */
export const LogEventSchema = z
  .object({
    uuid: z.string().min(1).max(200),
    published: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'published must be an ISO instant'),
    eventType: z.string().min(1).max(200),
    displayMessage: z.string().nullish(),
    severity: z.string().nullish(),
    actor: Party.nullish(),
    target: z.array(Party).nullish(),
    outcome: z.object({ result: z.string(), reason: z.string().nullish() }).loose().nullish(),
    debugContext: z
      .object({ debugData: z.record(z.string(), z.unknown()).nullish() })
      .loose()
      .nullish(),
  })
  .loose();

export const EnvelopeSchema = z
  .object({
    eventType: z.literal('com.okta.event_hook'),
    eventId: z.string().optional(),
    data: z.object({ events: z.array(LogEventSchema).min(1).max(10_000) }),
  })
  .loose();

type LogEvent = z.infer<typeof LogEventSchema>;
const party = (p: z.infer<typeof Party> | null | undefined) => ({
  id: p?.id ?? '',
  type: p?.type ?? '',
  alternateId: p?.alternateId ?? '',
  displayName: p?.displayName ?? '',
});

/** The trimmed DirectoryEvent Warden keeps (the same shape the log poller reads). */
export function toDirectoryEvent(e: LogEvent): DirectoryEvent {
  return {
    uuid: e.uuid,
    published: new Date(e.published).toISOString(),
    eventType: e.eventType,
    displayMessage: e.displayMessage ?? '',
    severity: e.severity ?? 'INFO',
    actor: party(e.actor),
    target: (e.target ?? []).map(party),
    outcome: { result: e.outcome?.result ?? 'UNKNOWN', reason: e.outcome?.reason ?? null },
    ...(e.debugContext?.debugData ? { debugData: e.debugContext.debugData } : {}),
  };
}

export const OKTA_EVENT_JOB = 'okta.event';

/**
 * One job per event: deduplicated by uuid, keyed by the user it is about (so one user's events run
 * in order), ordered by `published`. `delayMs` holds it back briefly so late, out-of-order
 * deliveries of the same user's earlier events still get ahead of it.
 */
export function eventJob(e: DirectoryEvent, source: string, delayMs: number, now = Date.now()): NewJob {
  const user = e.target.find((t) => t.type === 'User') ?? (e.actor.type === 'User' ? e.actor : undefined);
  return {
    kind: OKTA_EVENT_JOB,
    key: user ? `user:${user.id}` : undefined,
    payload: { event: e as never, source },
    orderAt: e.published,
    runAfter: new Date(now + delayMs).toISOString(),
    dedupeKey: `okta:${e.uuid}`,
  };
}

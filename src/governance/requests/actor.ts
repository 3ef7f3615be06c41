// The audit actor for a principal.
import type { AuditActor } from '../../core/audit.js';
import type { Principal } from '../../core/principal.js';

export const actorOf = (p: Principal): AuditActor => ({ kind: p.kind, clientId: p.clientId, person: p.person });

export const SYSTEM_ACTOR: AuditActor = { kind: 'system', clientId: 'warden' };

// Runs one adapter step against Okta: error mapping, 404-as-null lookups, and the X-Okta-Request-Id of the step.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { InvalidInputError, NotFoundError } from '../../core/errors.js';
import { toAppError, isNotFound } from './errors.js';
import { callScope, type CallScope } from './request-executor.js';

export interface StepResult<T> {
  value: T;
  requestId: string;
}

/** Okta ids are alphanumeric; anything else could change the request path (`..`), so it is refused. */
export function assertOktaId(value: unknown, what: string): string {
  if (typeof value !== 'string' || !/^[A-Za-z0-9]{1,64}$/.test(value)) {
    throw new InvalidInputError(`${what} is not a valid Okta id.`, {
      hint: 'Look the object up first and pass its id.',
    });
  }
  return value;
}

/** Adapter steps share a logger; each step gets its own call scope. */
export class OktaCalls {
  constructor(private readonly log?: Logger) {}

  /**
   * Runs `fn`; Okta failures become AppErrors described by `action` ("list the groups of user X").
   * `notFound` is the message for a 404 (e.g. "No user with id X."), when the caller knows what was missing.
   */
  async step<T>(action: string, fn: () => Promise<T>, notFound?: string): Promise<StepResult<T>> {
    const scope: CallScope = { calls: 0, attempts: 0 };
    try {
      const value = await callScope.run(scope, fn);
      // When a proxy strips X-Okta-Request-Id, the receipt carries a Warden-generated id instead.
      return { value, requestId: scope.lastRequestId ?? `warden-${randomUUID()}` };
    } catch (err) {
      if (notFound && isNotFound(err)) throw new NotFoundError(notFound);
      throw this.map(err, action);
    }
  }

  /** Runs `fn` without mapping its failure, for callers that treat some Okta errors as answers. */
  async attempt<T>(
    fn: () => Promise<T>,
  ): Promise<{ ok: true; value: T; requestId: string } | { ok: false; error: unknown }> {
    const scope: CallScope = { calls: 0, attempts: 0 };
    try {
      const value = await callScope.run(scope, fn);
      return { ok: true, value, requestId: scope.lastRequestId ?? `warden-${randomUUID()}` };
    } catch (error) {
      return { ok: false, error };
    }
  }

  async read<T>(action: string, fn: () => Promise<T>, notFound?: string): Promise<T> {
    return (await this.step(action, fn, notFound)).value;
  }

  /** Like read, but "not found" is an answer (null), not an error. */
  async find<T>(action: string, fn: () => Promise<T>): Promise<T | null> {
    const scope: CallScope = { calls: 0, attempts: 0 };
    try {
      return await callScope.run(scope, fn);
    } catch (err) {
      if (isNotFound(err)) return null;
      throw this.map(err, action);
    }
  }

  map(err: unknown, action: string) {
    return toAppError(err, action, this.log);
  }
}

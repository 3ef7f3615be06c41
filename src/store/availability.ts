// Store availability: wraps every driver call, turns outages into `unavailable`, reports each change once, and fails fast while unreachable.
import { UnavailableError } from '../core/errors.js';
import { classifyStoreError, type StoreFault } from './store-errors.js';

/** Told once when the store stops answering (with why) and once when it answers again. */
export type AvailabilityListener = (change: { available: boolean; error?: UnavailableError }) => void;

export interface Availability {
  /** Runs one store operation: fails at once while the server is known unreachable, classifies its errors, tracks up/down. */
  guard<T>(op: () => Promise<T>): Promise<T>;
  /** Records a fault seen outside `guard` (an idle connection dropped). */
  fault(err: unknown): StoreFault | undefined;
  readonly available: boolean;
}

export interface AvailabilityOptions {
  onChange?: AvailabilityListener;
  /**
   * After a failure to reach the server, calls fail at once for this long, then one call at a time tries again
   * (0: never fail fast). Without it a call that touches the store several times would wait for a connect
   * timeout each time, and a stopped database would be hammered by every caller.
   */
  failFastMs?: number;
  now?: () => number;
}

/** An error the database itself sent back (SQLSTATE or SQLite code), as opposed to one raised in application code. */
const isDriverAnswer = (err: unknown): boolean => {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (/^[0-9A-Z]{5}$/.test(code) || code.startsWith('SQLITE_'));
};

export function createAvailability({
  onChange,
  failFastMs = 0,
  now = Date.now,
}: AvailabilityOptions = {}): Availability {
  let available = true;
  let unreachableUntil = 0;
  let probing = false;
  let lastError: UnavailableError | undefined;
  /** Faults seen so far: a success proves the store is back only if no fault arrived while it was in flight. */
  let faults = 0;
  /** Recoveries so far: a failure of an operation that began before the latest recovery does not undo it. */
  let recoveries = 0;

  const up = (faultsAtStart: number) => {
    // An operation that began before the latest fault (and happened to finish) says nothing about now.
    if (faultsAtStart !== faults) return;
    unreachableUntil = 0;
    if (available) return;
    available = true;
    recoveries++;
    onChange?.({ available: true });
  };
  const fault = (err: unknown, recoveriesAtStart = recoveries): StoreFault | undefined => {
    const f = classifyStoreError(err);
    if (!f) return undefined;
    // A straggler from before the store came back (a call queued on a dead connection) is not a new outage.
    if (recoveriesAtStart !== recoveries) return f;
    lastError = f.error;
    faults++;
    if (f.unreachable && failFastMs > 0) unreachableUntil = now() + failFastMs;
    if (available) {
      available = false;
      onChange?.({ available: false, error: f.error });
    }
    return f;
  };

  return {
    get available() {
      return available;
    },
    fault,
    async guard<T>(op: () => Promise<T>): Promise<T> {
      let probe = false;
      const faultsAtStart = faults;
      const recoveriesAtStart = recoveries;
      if (unreachableUntil > 0) {
        if (now() < unreachableUntil || probing) {
          const e = lastError!;
          throw new UnavailableError(e.message, {
            hint: e.hint,
            retryAfterSeconds: Number(e.details?.retryAfterSeconds) || 5,
          });
        }
        probing = probe = true;
      }
      try {
        const result = await op();
        up(faultsAtStart);
        return result;
      } catch (err) {
        const f = fault(err, recoveriesAtStart);
        if (!f && isDriverAnswer(err)) up(faultsAtStart); // e.g. a unique violation: the database did answer
        throw f?.error ?? err;
      } finally {
        if (probe) probing = false;
      }
    },
  };
}

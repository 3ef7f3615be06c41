// Executor worker ids (`host:pid:random`), whether the worker behind a claim is certainly gone, and whose claim still holds.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/** A new id for this process's executor. */
export const newWorkerId = (): string => `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

/**
 * True only when the claim was made on this host by a process that no longer exists (a crash or kill -9),
 * so a restarted Warden can resume its work at once instead of waiting for the claim to go stale.
 */
export function claimantIsDead(claimedBy: string | undefined, self: string): boolean {
  if (!claimedBy || claimedBy === self) return false;
  const [host, pid] = claimedBy.split(':');
  if (host !== hostname() || !pid || !/^\d+$/.test(pid) || Number(pid) === process.pid) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * True when another worker holds a recent claim on the row (made after `cutoff`) and may still be running: its work is
 * left to it. False for this worker's own claims, stale ones, and those of a process known to be gone.
 */
export const heldByLiveWorker = (
  r: { claimedBy?: string; claimedAt?: string },
  cutoff: string,
  self: string,
): boolean => !!r.claimedAt && r.claimedAt > cutoff && r.claimedBy !== self && !claimantIsDead(r.claimedBy, self);

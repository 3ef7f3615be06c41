// A restarted Warden resumes work claimed by a dead process on the same host at once; live or remote claimants are left alone.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { claimantIsDead, newWorkerId } from '../../src/governance/requests/worker-id.js';

describe('claimantIsDead', () => {
  it('is true for an exited process on this host', () => {
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    expect(claimantIsDead(`${hostname()}:${child.stdout}:abcd1234`, newWorkerId())).toBe(true);
  });

  it('is false for a live process, this process, another host, or a foreign id format', () => {
    const self = newWorkerId();
    expect(claimantIsDead(`${hostname()}:${process.ppid}:x`, self)).toBe(false);
    expect(claimantIsDead(self, self)).toBe(false);
    expect(claimantIsDead(`${hostname()}:${process.pid}:other`, self)).toBe(false);
    expect(claimantIsDead('some-other-host:1:x', self)).toBe(false);
    expect(claimantIsDead('crashing-worker', self)).toBe(false);
    expect(claimantIsDead(undefined, self)).toBe(false);
  });
});

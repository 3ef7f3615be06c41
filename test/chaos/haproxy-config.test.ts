// The shipped HAProxy example (examples/replicas/haproxy.cfg) is valid as shipped and as the chaos test rewrites it.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXAMPLE_CFG, HAPROXY, haproxyConfig } from '../support/chaos/haproxy.js';

const check = (path: string) => spawnSync(HAPROXY, ['-c', '-f', path], { encoding: 'utf8' });

describe('examples/replicas/haproxy.cfg', () => {
  it('passes haproxy -c as shipped', () => {
    const r = check(EXAMPLE_CFG);
    expect(r.status, r.stderr).toBe(0);
  });

  it('keeps its checks and retry rules when the test points it at local replicas', () => {
    const cfg = haproxyConfig({
      port: 18080,
      servers: [
        { name: 'r1', port: 18081 },
        { name: 'r2', port: 18082 },
      ],
      healthPath: '/healthz',
      host: '127.0.0.1',
    });
    expect(cfg).toContain('bind 127.0.0.1:18080');
    expect(cfg.match(/^\s+server .*check$/gm)).toEqual([
      '    server r1 127.0.0.1:18081 check',
      '    server r2 127.0.0.1:18082 check',
    ]);
    expect(cfg).toContain('http-check send meth GET uri /healthz ver HTTP/1.1 hdr Host 127.0.0.1');
    expect(cfg).toContain('retry-on conn-failure');
    const dir = mkdtempSync(join(tmpdir(), 'warden-haproxy-'));
    try {
      writeFileSync(join(dir, 'haproxy.cfg'), cfg);
      const r = check(join(dir, 'haproxy.cfg'));
      expect(r.status, r.stderr).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

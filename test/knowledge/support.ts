// Helpers for knowledge tests: temp folders, the demo knowledge base, and the policy's audience rules.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ACME_KB = resolve(import.meta.dirname, '../../examples/acme/knowledge');
/** The folder rules of examples/acme/policy.yaml. */
export const ACME_RULES = [
  { path: 'security/**', audience: 'security' },
  { path: 'it/internal/**', audience: 'it' },
];

/** A temp directory removed by the returned cleanup. */
export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `warden-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A writable copy of the demo knowledge base inside `dir`. */
export function copyAcme(dir: string, name = 'knowledge'): string {
  const to = join(dir, name);
  cpSync(ACME_KB, to, { recursive: true });
  return to;
}

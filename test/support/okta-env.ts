// Isolates the Okta SDK from the developer's machine: temp HOME (no ~/.okta/okta.yaml) and no OKTA_CLIENT_* variables.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Call at the top of a test file, before any Okta client is built (the SDK reads config when a Client is constructed). */
export function isolateOktaSdk(): void {
  process.env.HOME = mkdtempSync(join(tmpdir(), 'warden-okta-home-'));
  for (const key of Object.keys(process.env)) if (key.startsWith('OKTA_CLIENT_')) delete process.env[key];
}

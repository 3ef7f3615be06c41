// Shared setup for Okta adapter tests: an emulator over the fixture seed and an adapter pointed at it.
import {
  createOktaDirectory,
  type OktaDirectory,
  type OktaDirectoryOptions,
} from '../../../src/directory/okta/index.js';
import type { Seed } from '../../../src/directory/seed.js';
import { startOktaEmulator, type OktaEmulator, type OktaEmulatorOptions } from '../../support/okta-emulator/index.js';
import { buildFixtureSeed } from '../../support/okta-fixture.js';

export interface Harness {
  emu: OktaEmulator;
  dir: OktaDirectory;
  close(): Promise<void>;
}

/** Starts an emulator and an adapter with fast retries; close() stops the emulator. */
export async function startHarness(
  opts: { seed?: Seed; emulator?: Partial<OktaEmulatorOptions>; adapter?: Partial<OktaDirectoryOptions> } = {},
): Promise<Harness> {
  const emu = await startOktaEmulator({ seed: opts.seed ?? buildFixtureSeed(), ...opts.emulator });
  const dir = createOktaDirectory({ orgUrl: emu.url, token: emu.token, retryBaseMs: 20, ...opts.adapter });
  return { emu, dir, close: () => emu.close() };
}

/** The decoded query parameters of a recorded call. */
export const decodedQuery = (raw: string): URLSearchParams => new URLSearchParams(raw.replace(/\+/g, '%2B'));

// HR adapters: pick the HrPort implementation from typed config, plus the snapshot diff and webhook check.
import type { HrPort } from '../core/hr.js';
import { createBambooHr, type BambooHrOptions } from './bamboohr/index.js';
import { createFileHr } from './file/index.js';

export type HrConfig =
  | { kind: 'file'; path: string; now?: () => Date; recheckMs?: number }
  | ({ kind: 'bamboohr' } & BambooHrOptions);

/** The HrPort for a config. A file config loads (and validates) the export immediately. */
export function createHr(config: HrConfig): HrPort {
  switch (config.kind) {
    case 'file':
      return createFileHr({ path: config.path, now: config.now, recheckMs: config.recheckMs });
    case 'bamboohr': {
      const { kind: _kind, ...opts } = config;
      return createBambooHr(opts);
    }
  }
}

export {
  createBambooHr,
  verifyBambooSignature,
  type BambooHrOptions,
  type BambooSignatureInput,
} from './bamboohr/index.js';
export { createFileHr, HrFileError, type FileHrOptions } from './file/index.js';
export {
  diffHrSnapshots,
  diffHrRecords,
  type HrSnapshotDiff,
  type HrRecordChange,
  type HrFieldChange,
} from './snapshot-diff.js';

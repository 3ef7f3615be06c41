// Every migration, in the order it runs. Append new ones; never edit one that has shipped.
import { migration001 } from './001-core.js';
import { migration002 } from './002-audit.js';
import { migration003 } from './003-requests.js';
import { migration004 } from './004-jobs.js';
import { migration005 } from './005-request-invariants.js';
import { migration006 } from './006-directory-changes.js';
import { migration008 } from './008-audit-targets.js';
import { migration009 } from './009-audit-json-text.js';
import type { Migration } from './types.js';

export type { Migration } from './types.js';
export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration008,
  migration009,
];

// Runs the audit contract on SQLite.
import { sqliteHarness } from '../store/harness.js';
import { auditContract } from './audit-contract.js';

auditContract('sqlite', sqliteHarness);

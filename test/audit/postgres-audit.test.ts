// Runs the audit contract on PostgreSQL (fails if the server is down).
import { postgresHarness } from '../store/harness.js';
import { auditContract } from './audit-contract.js';

auditContract('postgres', postgresHarness);

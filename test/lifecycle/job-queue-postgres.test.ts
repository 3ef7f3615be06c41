// Job queue contract on PostgreSQL (127.0.0.1:5432, a fresh schema per test).
import { postgresHarness } from '../store/harness.js';
import { jobQueueContract } from './job-queue-contract.js';

jobQueueContract('postgres', postgresHarness);

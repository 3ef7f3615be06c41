// Job queue contract on SQLite (a temp file per test).
import { sqliteHarness } from '../store/harness.js';
import { jobQueueContract } from './job-queue-contract.js';

jobQueueContract('sqlite', sqliteHarness);

// The licence-report port: app seats held by people who left or stopped signing in, as tools may ask for them.
import type { DirectoryReader } from './directory.js';
import type { HrPort } from './hr.js';

export interface LicenceRow {
  app: string;
  appLabel: string;
  user: string;
  name: string;
  via: 'direct' | 'group';
  /** Groups that grant the seat (for `via: group`). */
  groups: string[];
  lastLogin: string | null;
  daysSinceLogin: number | null;
  reason: 'left' | 'inactive' | 'never-signed-in';
  /** One-step removal: the request tool and its prefilled input. */
  suggestion: { tool: 'request_app_removal' | 'request_group_remove'; input: Record<string, string> };
}

export interface LicenceReport {
  inactiveDays: number;
  apps: Array<{ app: string; label: string; seats: number; reclaimable: number }>;
  rows: LicenceRow[];
}

export interface LicenceQuery {
  inactiveDays: number;
  /** One app (name or label); all apps when absent. */
  app?: string;
  /** Most rows returned. */
  limit: number;
}

export interface LicenceReportPort {
  /**
   * The report as seen through `from`: the caller's scoped directory reader and HR, so people outside the
   * caller's scope are left out.
   */
  report(query: LicenceQuery, from: { directory: DirectoryReader; hr: HrPort }): Promise<LicenceReport>;
}

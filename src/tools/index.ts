// Every tool Warden offers, by toolset. src/mcp/ registers exactly this list.
import type { AnyTool } from '../core/tool.js';
import { checkAccess } from './check-access.js';
import { getGroup } from './get-group.js';
import { listGroupMembers } from './list-group-members.js';
import { listUserAccess } from './list-user-access.js';
import { lookupUser } from './lookup-user.js';
import { recentAccessChanges } from './recent-access-changes.js';
import { searchUsers } from './search-users.js';
import { requestGroupAdd } from './request-group-add.js';
import { requestGroupRemove } from './request-group-remove.js';
import { requestAppAssignment } from './request-app-assignment.js';
import { requestAppRemoval } from './request-app-removal.js';
import { requestUserSuspend } from './request-user-suspend.js';
import { requestUserDeactivate } from './request-user-deactivate.js';
import { requestDownstreamAccountRemoval } from './request-downstream-account-removal.js';
import { getRequest } from './get-request.js';
import { listRequests } from './list-requests.js';
import { cancelRequest } from './cancel-request.js';
import { searchKnowledge } from './search-knowledge.js';
import { getDocument } from './get-document.js';
import { howToGetAccess } from './how-to-get-access.js';
import { accessHistory } from './access-history.js';
import { queryAudit } from './query-audit.js';
import { licenceReportTool } from './licence-report.js';

/** The identity toolset: read-only questions about people, groups and apps. */
export const identityTools: AnyTool[] = [
  lookupUser,
  searchUsers,
  listUserAccess,
  checkAccess,
  getGroup,
  listGroupMembers,
  recentAccessChanges,
  accessHistory,
  licenceReportTool,
];

/** The access-requests toolset: ask for changes (people approve), and track or cancel what was asked. */
export const accessRequestTools: AnyTool[] = [
  requestGroupAdd,
  requestGroupRemove,
  requestAppAssignment,
  requestAppRemoval,
  requestUserSuspend,
  requestUserDeactivate,
  requestDownstreamAccountRemoval,
  getRequest,
  listRequests,
  cancelRequest,
];

/** The knowledge toolset: the company's own documents, and how to get access to things. */
export const knowledgeTools: AnyTool[] = [searchKnowledge, getDocument, howToGetAccess];

/** The audit toolset: for security clients. */
export const auditTools: AnyTool[] = [queryAudit];

/** All tools. */
export const allTools: AnyTool[] = [...identityTools, ...accessRequestTools, ...knowledgeTools, ...auditTools];

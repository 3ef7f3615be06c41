// Every tool Warden offers, by toolset. src/mcp/ registers exactly this list.
import type { AnyTool } from '../core/tool.js';
import { checkAccess } from './check-access.js';
import { getGroup } from './get-group.js';
import { listGroupMembers } from './list-group-members.js';
import { listUserAccess } from './list-user-access.js';
import { lookupUser } from './lookup-user.js';
import { recentAccessChanges } from './recent-access-changes.js';
import { searchUsers } from './search-users.js';

/** The identity toolset: read-only questions about people, groups and apps. */
export const identityTools: AnyTool[] = [lookupUser, searchUsers, listUserAccess, checkAccess, getGroup, listGroupMembers, recentAccessChanges];

/** All tools. Later toolsets (access-requests, knowledge, audit) are appended here. */
export const allTools: AnyTool[] = [...identityTools];

// Mapping directory objects to the tool output shapes.
import type { DirectoryGroup, DirectoryUser, UserRef } from '../../core/directory.js';
import type { ToolContext } from '../../core/tool.js';

export const userRef = (u: DirectoryUser | UserRef) => ({ id: u.id, login: u.login, displayName: u.displayName });

export const userBrief = (u: DirectoryUser) => ({
  ...userRef(u),
  status: u.status,
  title: u.title,
  department: u.department,
  location: u.location,
});

export const groupRef = (ctx: ToolContext, g: DirectoryGroup) => ({
  id: g.id,
  name: g.name,
  tags: ctx.policy.tagsFor('group', g.name),
});

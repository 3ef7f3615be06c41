// Finds the app or group a caller names ("Salesforce", "salesforce", "App-Salesforce-Users", an id).
import type { DirectoryApp, DirectoryGroup } from '../../core/directory.js';
import { NotFoundError } from '../../core/errors.js';
import type { ToolContext } from '../../core/tool.js';

export type Resource = { kind: 'app'; app: DirectoryApp } | { kind: 'group'; group: DirectoryGroup };

/** Resolves a group by id or exact name, or throws a not-found error with close names as hints. */
export async function requireGroup(ctx: ToolContext, name: string): Promise<DirectoryGroup> {
  const g = await ctx.directory.getGroup(name.trim());
  if (g) return g;
  const near = await ctx.directory.findGroups({ q: name.trim().split(/[\s-]/)[0], limit: 8 });
  throw new NotFoundError(`No group named "${name}".`, {
    hint: near.items.length
      ? `Did you mean one of: ${near.items.map((x) => x.name).join(', ')}?`
      : 'Group names look like Dept-Engineering or App-Salesforce-Users.',
  });
}

/** The app with this id, name or label in the app catalogue (no directory call when the catalogue is warm), or null. */
export async function catalogueApp(ctx: ToolContext, name: string): Promise<DirectoryApp | null> {
  const key = name.trim().toLowerCase();
  const apps = await ctx.directory.listApps();
  return (
    apps.find((a) => a.id.toLowerCase() === key) ??
    apps.find((a) => a.name.toLowerCase() === key) ??
    apps.find((a) => a.label.toLowerCase() === key) ??
    null
  );
}

/** Resolves an app or a group; `kind` narrows the search when the caller knows it. */
export async function requireResource(ctx: ToolContext, name: string, kind?: 'app' | 'group'): Promise<Resource> {
  const key = name.trim();
  if (kind !== 'group') {
    const app = await ctx.directory.getApp(key);
    if (app) return { kind: 'app', app };
  }
  if (kind !== 'app') {
    const group = await ctx.directory.getGroup(key);
    if (group) return { kind: 'group', group };
  }
  const apps = kind === 'group' ? [] : await ctx.directory.listApps();
  throw new NotFoundError(`No ${kind ?? 'app or group'} named "${name}".`, {
    hint: apps.length
      ? `Apps are: ${apps.map((a) => a.label).join(', ')}. Groups are named like App-Salesforce-Users.`
      : 'Use get_group or search by exact name.',
  });
}

// The policy diff for clients: what a client may call and see, and its request limit; added and removed clients.
import { TOOLSETS } from '../core/tool.js';
import type { ChangeDirection, PolicyChangeDraft } from './diff.js';
import { added, list, removed } from './diff-lists.js';
import type { ClientFile, PolicyFile } from './schema.js';

const toolsets = (c: ClientFile): string[] => (c.toolsets === '*' ? [...TOOLSETS] : [...c.toolsets]);
const rate = (c: ClientFile, p: PolicyFile): number | undefined => c.requestsPerHour ?? p.defaults.requestsPerHour;
const showRate = (r: number | undefined): string => (r === undefined ? 'unlimited' : `${r}/hour`);

/** A client that appeared: wider, and a privilege escalation when it is a person app (its keys can approve). */
export function clientAdded(id: string, c: ClientFile, p: PolicyFile): PolicyChangeDraft {
  const approves = c.kind === 'person-app';
  return {
    subject: `clients.${id}`,
    code: 'client.added',
    direction: 'wider',
    escalation: approves,
    message: `client added (${c.kind}; toolsets ${list(toolsets(c))}; departments ${c.departments === '*' ? 'all' : list(c.departments)}; ${showRate(rate(c, p))})${approves ? ': a person app, its keys act as people and can approve access requests' : ''}`,
  };
}

/** A client that disappeared: narrower, its keys can call nothing. */
export const clientRemoved = (id: string, c: ClientFile): PolicyChangeDraft => ({
  subject: `clients.${id}`,
  code: 'client.removed',
  direction: 'narrower',
  message: `client removed (was ${c.kind}): its keys can call nothing`,
});

/** How a client present in both policies changed: kind, toolsets, tools, data scope and request limit. */
export function diffClient(
  id: string,
  a: ClientFile,
  b: ClientFile,
  pa: PolicyFile,
  pb: PolicyFile,
  out: PolicyChangeDraft[],
): void {
  const subject = `clients.${id}`;
  const push = (code: string, direction: ChangeDirection, message: string, escalation = false) =>
    out.push({ subject, code, direction, message, escalation });
  if (a.kind !== b.kind) {
    if (b.kind === 'person-app') {
      push(
        'client.kind',
        'wider',
        `kind ${a.kind} → person-app: PRIVILEGE ESCALATION, its keys can now act as people and approve access requests`,
        true,
      );
    } else {
      push(
        'client.kind',
        a.kind === 'person-app' ? 'narrower' : 'changed',
        `kind ${a.kind} → ${b.kind}${a.kind === 'person-app' ? ': its keys can no longer approve' : ''}`,
      );
    }
  }
  const [ta, tb] = [toolsets(a), toolsets(b)];
  if (added(ta, tb).length) push('client.toolsets', 'wider', `gains toolset(s) ${list(added(ta, tb))}`);
  if (removed(ta, tb).length) push('client.toolsets', 'narrower', `loses toolset(s) ${list(removed(ta, tb))}`);
  const [allowA, allowB] = [a.tools?.allow, b.tools?.allow];
  if (allowA && !allowB)
    push(
      'client.tools.allow',
      'wider',
      `tools.allow removed: every tool of its toolsets is callable (was only ${list(allowA)})`,
    );
  else if (!allowA && allowB) push('client.tools.allow', 'narrower', `tools.allow added: only ${list(allowB)}`);
  else if (allowA && allowB) {
    if (added(allowA, allowB).length)
      push('client.tools.allow', 'wider', `gains tool(s) ${list(added(allowA, allowB))}`);
    if (removed(allowA, allowB).length)
      push('client.tools.allow', 'narrower', `loses tool(s) ${list(removed(allowA, allowB))}`);
  }
  const [denyA, denyB] = [a.tools?.deny ?? [], b.tools?.deny ?? []];
  if (removed(denyA, denyB).length)
    push('client.tools.deny', 'wider', `no longer denied tool(s) ${list(removed(denyA, denyB))}`);
  if (added(denyA, denyB).length)
    push('client.tools.deny', 'narrower', `now denied tool(s) ${list(added(denyA, denyB))}`);
  diffScope(a, b, push);
  const [ra, rb] = [rate(a, pa), rate(b, pb)];
  if (ra !== rb) {
    const wider = rb === undefined || (ra !== undefined && rb > ra);
    push('client.requestsPerHour', wider ? 'wider' : 'narrower', `request limit ${showRate(ra)} → ${showRate(rb)}`);
  }
}

/** Data scope: departments, hidden fields and knowledge audiences. */
function diffScope(a: ClientFile, b: ClientFile, push: (code: string, d: ChangeDirection, m: string) => void): void {
  if (a.departments !== b.departments) {
    if (b.departments === '*') push('client.departments', 'wider', 'data scope widened to every department');
    else if (a.departments === '*')
      push('client.departments', 'narrower', `data scope narrowed to ${list(b.departments)}`);
    else {
      if (added(a.departments, b.departments).length)
        push(
          'client.departments',
          'wider',
          `data scope gains department(s) ${list(added(a.departments, b.departments))}`,
        );
      if (removed(a.departments, b.departments).length)
        push(
          'client.departments',
          'narrower',
          `data scope loses department(s) ${list(removed(a.departments, b.departments))}`,
        );
    }
  }
  if (removed(a.hiddenFields, b.hiddenFields).length)
    push('client.hiddenFields', 'wider', `now sees field(s) ${list(removed(a.hiddenFields, b.hiddenFields))}`);
  if (added(a.hiddenFields, b.hiddenFields).length)
    push('client.hiddenFields', 'narrower', `no longer sees field(s) ${list(added(a.hiddenFields, b.hiddenFields))}`);
  if (added(a.knowledgeAudiences, b.knowledgeAudiences).length)
    push(
      'client.knowledgeAudiences',
      'wider',
      `reads knowledge audience(s) ${list(added(a.knowledgeAudiences, b.knowledgeAudiences))}`,
    );
  if (removed(a.knowledgeAudiences, b.knowledgeAudiences).length)
    push(
      'client.knowledgeAudiences',
      'narrower',
      `no longer reads knowledge audience(s) ${list(removed(a.knowledgeAudiences, b.knowledgeAudiences))}`,
    );
}

// Reads a V8 .cpuprofile (node --cpu-prof) and attributes sampled time to functions and to code areas.
import { readFileSync } from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface Attribution {
  key: string;
  ms: number;
  share: number;
}
export interface ProfileReport {
  totalMs: number;
  idleMs: number;
  selfByArea: Attribution[];
  selfByFunction: Attribution[];
  inclusiveByFunction: Attribution[];
}

/** Where code lives: a package under node_modules, a src/ or bench/ folder, node internals, or a V8 pseudo-frame. */
export function areaOf(url: string, fn: string): string {
  if (!url) return `(${fn || 'anonymous'})`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const src = /\/work\/[^/]+\/(src\/[^/]+|bench|test)\//.exec(url) ?? /\/(src\/[^/]+|bench|test)\//.exec(url);
  if (src) return src[1]!;
  if (url.startsWith('node:'))
    return url
      .replace(/^node:(internal\/)?/, 'node:')
      .split('/')
      .slice(0, 2)
      .join('/');
  return url;
}

const short = (f: CallFrame) =>
  `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/(node_modules|src|bench)\//, '$1/')}:${f.lineNumber + 1}`;

/** Self time per area and function, and inclusive time per function (each sample counted once per function on its stack). */
export function analyzeProfile(path: string, top = 25): ProfileReport {
  const p = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>(),
    area = new Map<string, number>(),
    incl = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  let total = 0,
    idle = 0;
  p.samples.forEach((id, i) => {
    const dt = (p.timeDeltas[i + 1] ?? 0) / 1000;
    const node = byId.get(id)!;
    total += dt;
    if (node.callFrame.functionName === '(idle)') {
      idle += dt;
      return;
    }
    add(self, short(node.callFrame), dt);
    add(area, areaOf(node.callFrame.url, node.callFrame.functionName), dt);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const k = short(byId.get(cur)!.callFrame);
      if (!seen.has(k)) {
        seen.add(k);
        add(incl, k, dt);
      }
    }
  });
  const busy = total - idle;
  const rank = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([key, ms]) => ({ key, ms, share: ms / busy }));
  return {
    totalMs: total,
    idleMs: idle,
    selfByArea: rank(area, top),
    selfByFunction: rank(self, top),
    inclusiveByFunction: rank(incl, top * 4),
  };
}

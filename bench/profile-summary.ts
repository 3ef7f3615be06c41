// Summarizes a .cpuprofile: busy time by code area and by function (run after `node --cpu-prof ... bench/mcp-throughput.ts --only warden`).
import { stringFlag } from './lib/args.js';
import { analyzeProfile } from './lib/cpu-profile.js';
import { fmt, printTable } from './lib/table.js';

const file = process.argv.slice(2).find((a) => a.endsWith('.cpuprofile'));
if (!file) throw new Error('usage: npx tsx bench/profile-summary.ts <file.cpuprofile> [--match src/]');
const match = stringFlag('match');
const r = analyzeProfile(file);
const busy = r.totalMs - r.idleMs;
console.log(`${file}\nsampled ${fmt(r.totalMs)} ms, busy ${fmt(busy)} ms (${fmt((100 * busy) / r.totalMs, 1)}%)`);
const rows = (xs: typeof r.selfByArea) => xs.map((a) => [a.key, fmt(a.ms), `${fmt(100 * a.share, 1)}%`]);
printTable('Self time by area (share of busy time)', ['area', 'ms', 'share'], rows(r.selfByArea));
printTable('Self time by function', ['function', 'ms', 'share'], rows(r.selfByFunction));
const inclusive = r.inclusiveByFunction.filter((a) => !match || a.key.includes(match));
printTable(
  `Inclusive time by function${match ? ` (matching ${match})` : ''}`,
  ['function', 'ms', 'share'],
  rows(inclusive.slice(0, 40)),
);

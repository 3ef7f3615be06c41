// Indexing progress on a terminal: a redrawn bar on a TTY, periodic plain lines otherwise.
import type { IndexProgress } from './types.js';

export interface ProgressStream {
  write(s: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

const PHASES: Record<NonNullable<IndexProgress['phase']>, string> = {
  reading: 'reading',
  embedding: 'embedding',
  writing: 'writing index',
  done: 'done',
};

/** Formats one progress line: `[#####.....] 120/1080 files · 2345 chunks · embedding 1200/8000`. */
export function progressLine(p: IndexProgress, width = 20): string {
  const ratio =
    p.phase === 'embedding' && p.chunksToEmbed
      ? (p.embeddedChunks ?? 0) / p.chunksToEmbed
      : p.totalFiles
        ? p.files / p.totalFiles
        : 0;
  const done = p.phase === 'done' ? width : Math.min(width, Math.round(ratio * width));
  const phase = PHASES[p.phase ?? 'reading'];
  const embed =
    p.phase === 'embedding' && p.chunksToEmbed !== undefined ? ` ${p.embeddedChunks ?? 0}/${p.chunksToEmbed}` : '';
  return `[${'#'.repeat(done)}${'.'.repeat(width - done)}] ${p.files}/${p.totalFiles} files · ${p.chunks} chunks · ${phase}${embed}`;
}

/** A progress reporter: `update` on every event, `note` for warnings, `end` before the summary. */
export function createProgress(out: ProgressStream, o: { intervalMs?: number; now?: () => number } = {}) {
  const tty = !!out.isTTY;
  const now = o.now ?? Date.now;
  const interval = o.intervalMs ?? (tty ? 80 : 5000);
  let last = -Infinity;
  let lastPhase: string | undefined;
  let drawn = false;
  let latest: IndexProgress | null = null;
  const clear = (): void => {
    if (tty && drawn) {
      out.write('\r\x1b[K');
      drawn = false;
    }
  };
  const draw = (p: IndexProgress): void => {
    const line = progressLine(p);
    if (tty) {
      out.write(`\r\x1b[K${line.slice(0, Math.max(20, (out.columns ?? 100) - 1))}`);
      drawn = true;
    } else out.write(`${line}\n`);
  };
  return {
    update(p: IndexProgress): void {
      latest = p;
      const t = now();
      // Plain logs get a line per phase change and then one every few seconds, not one per file.
      if (t - last >= interval || (!tty && p.phase !== lastPhase)) {
        draw(p);
        last = t;
        lastPhase = p.phase;
      }
    },
    note(line: string): void {
      clear();
      out.write(`${line}\n`);
      if (tty && latest) draw(latest);
    },
    end(): void {
      if (tty) clear();
      else if (latest && latest.phase !== lastPhase) draw(latest);
    },
  };
}

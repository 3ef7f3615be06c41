// Debounced watching of a few files: watches each file and its directory, since editors replace files.
import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

/** Calls `onChange` once per burst of changes to any of `files`. Returns a function that stops watching. */
export function watchFiles(files: readonly string[], onChange: () => void, debounceMs = 100): () => void {
  const watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const fire = () => {
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(() => !closed && onChange(), debounceMs);
  };
  const add = (target: string, filter?: Set<string>) => {
    try {
      const w = watch(target, { persistent: false }, (_event, name) => {
        if (!filter || (name !== null && filter.has(name.toString()))) fire();
      });
      w.on('error', () => undefined); // a replaced file's watcher may error; the directory watcher carries on
      watchers.push(w);
    } catch {
      // The file may be missing mid-replace; its directory watcher still sees it come back.
    }
  };
  const byDir = new Map<string, Set<string>>();
  for (const f of files) {
    const set = byDir.get(dirname(f)) ?? new Set<string>();
    set.add(basename(f));
    byDir.set(dirname(f), set);
    add(f);
  }
  for (const [dir, names] of byDir) add(dir, names);
  return () => {
    closed = true;
    clearTimeout(timer);
    for (const w of watchers) w.close();
  };
}

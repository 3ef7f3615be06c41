// Reads one source file as UTF-8 text, refusing binary, huge, undecodable or unreadable files with a reason.
import { readFile, stat } from 'node:fs/promises';

/** Files larger than this are skipped (they are rarely prose and would dominate the index). */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

export type ReadOutcome = { ok: true; text: string; bytes: Buffer } | { ok: false; reason: string };

/** Reads `absPath`; never throws. */
export async function readTextFile(absPath: string, maxBytes = MAX_FILE_BYTES): Promise<ReadOutcome> {
  let bytes: Buffer;
  try {
    const st = await stat(absPath);
    if (st.size > maxBytes)
      return {
        ok: false,
        reason: `too large (${(st.size / 1048576).toFixed(1)} MB > ${(maxBytes / 1048576).toFixed(0)} MB)`,
      };
    bytes = await readFile(absPath);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, reason: `unreadable (${code ?? 'read error'})` };
  }
  if (bytes.length > maxBytes) return { ok: false, reason: 'too large' };
  if (bytes.subarray(0, 8192).includes(0)) return { ok: false, reason: 'binary file (contains NUL bytes)' };
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    if (text.includes('\0')) return { ok: false, reason: 'binary file (contains NUL bytes)' };
    return { ok: true, text, bytes };
  } catch {
    return { ok: false, reason: 'not valid UTF-8 text' };
  }
}

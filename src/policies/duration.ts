// Durations in policy files (`30m`, `8h`, `7d`, `2w`): parse to seconds and format back.

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

/** The pattern policy files use for durations; shared with the schema. */
export const DURATION_PATTERN = /^[1-9]\d*(s|m|h|d|w)$/;

/** `8h` → 28800. Returns undefined for anything that is not a positive duration. */
export function parseDuration(text: string): number | undefined {
  const m = DURATION_PATTERN.exec(text.trim());
  if (!m) return undefined;
  return Number.parseInt(text, 10) * (UNIT_SECONDS[m[1]!] ?? 0);
}

/** 28800 → `8h`; 259200 → `72h`; 91 days → `91d`. Days only past three days, as people write them. */
export function formatDuration(seconds: number): string {
  if (seconds > 3 * 86_400 && seconds % 86_400 === 0) return `${seconds / 86_400}d`;
  if (seconds >= 3600 && seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds >= 60 && seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

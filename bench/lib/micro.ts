// Micro-benchmark loop: repeats one async operation for a fixed time and reports its cost per operation.

export interface MicroResult {
  label: string;
  ops: number;
  usPerOp: number;
  opsPerSec: number;
}

/** Runs `op` sequentially (after a short warm-up) for `seconds`, or from `concurrency` loops at once. */
export async function timeOp(
  label: string,
  op: () => unknown,
  { seconds = 1.5, warmupSeconds = 0.5, concurrency = 1 } = {},
): Promise<MicroResult> {
  const loop = async (secs: number) => {
    let ops = 0;
    const end = performance.now() + secs * 1000;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < end) {
          await op();
          ops += 1;
        }
      }),
    );
    return ops;
  };
  await loop(warmupSeconds);
  const t0 = performance.now();
  const ops = await loop(seconds);
  const ms = performance.now() - t0;
  return { label, ops, usPerOp: (ms * 1000) / ops, opsPerSec: (ops * 1000) / ms };
}

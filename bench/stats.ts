/** Small helpers shared by the benchmarks: percentiles over measured samples. */
export interface Summary {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

export function summarise(samplesMs: number[]): Summary {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? Number.NaN };
}

export async function sample(times: number, work: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    await work();
    out.push(performance.now() - start);
  }
  return out;
}

/** Latency and throughput from the raw response times of a load run. */

export interface LoadResult {
  /** all answers, by HTTP status */
  statuses: Map<number, number>;
  total: number;
  /** 2xx answers: only these count for latency and throughput */
  ok: number;
  errors: number;
  /** 2xx answers per second */
  perSecond: number;
  medianMs: number;
  p99Ms: number;
  maxMs: number;
}

/** The value below which `p` (0–100) percent of the sorted values fall (nearest rank). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export function summariseLatencies(input: { latencies: number[]; statuses: Map<number, number>; elapsedSeconds: number; errors: number }): LoadResult {
  const sorted = Float64Array.from(input.latencies).sort();
  const values = Array.from(sorted);
  const total = [...input.statuses.values()].reduce((a, b) => a + b, 0);
  return {
    statuses: input.statuses,
    total,
    ok: values.length,
    errors: input.errors,
    perSecond: input.elapsedSeconds > 0 ? values.length / input.elapsedSeconds : 0,
    medianMs: percentile(values, 50),
    p99Ms: percentile(values, 99),
    maxMs: values.length ? (values[values.length - 1] as number) : Number.NaN,
  };
}

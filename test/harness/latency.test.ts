import { describe, expect, it } from 'vitest';
import { percentile, summariseLatencies } from './latency.js';

describe('percentile (nearest rank)', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);

  it('reads the median and p99 of 1..100', () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile(hundred, 0)).toBe(1);
  });

  it('gives the worst value as p99 when there are fewer than 100', () => {
    expect(percentile([1, 2, 3, 40], 99)).toBe(40);
    expect(percentile([7], 50)).toBe(7);
  });

  it('has no value for no data', () => {
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('summariseLatencies', () => {
  it('counts only 2xx answers for latency and throughput, and sorts numerically', () => {
    const result = summariseLatencies({
      latencies: [10, 9, 0.5, 100, 2],
      statuses: new Map([
        [200, 5],
        [404, 3],
      ]),
      elapsedSeconds: 2,
      errors: 1,
    });
    expect(result.total).toBe(8);
    expect(result.ok).toBe(5);
    expect(result.errors).toBe(1);
    expect(result.perSecond).toBe(2.5);
    expect(result.medianMs).toBe(9);
    expect(result.p99Ms).toBe(100);
    expect(result.maxMs).toBe(100);
  });

  it('reports nothing measured when no answer was 2xx', () => {
    const result = summariseLatencies({ latencies: [], statuses: new Map([[404, 10]]), elapsedSeconds: 1, errors: 0 });
    expect(result).toMatchObject({ ok: 0, total: 10, perSecond: 0 });
    expect(result.medianMs).toBeNaN();
  });
});

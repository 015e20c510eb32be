import { describe, expect, it } from 'vitest';
import { decideBatch, deviceKey, LIMITS, networkKey, spikeThreshold, type BatchFacts, type Candidate } from './abuse.js';

const day = '2026-11-22';
const noFacts = (): BatchFacts => ({ network: new Map(), point: new Map(), previous: new Map() });
const rating = (over: Partial<Candidate> = {}): Candidate => ({ pointId: 1, day, channel: 'qr', deviceHash: `d${Math.random()}`, networkHash: `n${Math.random()}`, ...over });

describe('deciding a batch of ratings', () => {
  it('counts ratings from different devices and networks', () => {
    expect(decideBatch([rating(), rating(), rating({ pointId: 2 })], noFacts(), true)).toEqual(Array(3).fill({ counted: true, pending: false, replaces: null }));
  });

  it('replaces the device’s stored rating of the point that day, and a later one in the same batch the earlier', () => {
    const facts = noFacts();
    facts.previous.set(deviceKey({ pointId: 1, deviceHash: 'me', day }), 41);
    const decisions = decideBatch([rating({ deviceHash: 'me' }), rating({ deviceHash: 'me' }), rating({ deviceHash: 'me', pointId: 2 })], facts, true);
    expect(decisions.map((d) => d.replaces)).toEqual([{ stored: 41 }, { inBatch: 0 }, null]);
    expect(decisions.every((d) => d.counted)).toBe(true);
  });

  it('never replaces on a kiosk: one tablet serves many people', () => {
    const decisions = decideBatch([rating({ deviceHash: 'tablet', channel: 'kiosk' }), rating({ deviceHash: 'tablet', channel: 'kiosk' })], noFacts(), true);
    expect(decisions).toEqual([
      { counted: true, pending: false, replaces: null },
      { counted: true, pending: false, replaces: null },
    ]);
  });

  it('holds ratings beyond the burst limit of one network at one point, counting those already stored', () => {
    const facts = noFacts();
    facts.network.set(networkKey({ pointId: 1, networkHash: 'wifi' }), LIMITS.burst.perNetwork - 1);
    const decisions = decideBatch([rating({ networkHash: 'wifi' }), rating({ networkHash: 'wifi' }), rating({ networkHash: 'wifi', pointId: 2 })], facts, true);
    expect(decisions.map((d) => [d.counted, d.pending])).toEqual([
      [true, false],
      [false, true],
      [true, false],
    ]);
    // A held rating replaces nothing.
    expect(decisions[1]!.replaces).toBeNull();
    // Kiosks get a larger allowance; RATING_NETWORK_LIMITS=false turns the network rule off.
    expect(decideBatch([rating({ networkHash: 'wifi', channel: 'kiosk' })], facts, true)[0]!.pending).toBe(false);
    expect(decideBatch([rating({ networkHash: 'wifi' }), rating({ networkHash: 'wifi' })], facts, false).every((d) => d.counted)).toBe(true);
  });

  it('holds a spike at a point: beyond the floor, or half its busiest recent day', () => {
    expect(spikeThreshold(0)).toBe(LIMITS.spike.floor);
    expect(spikeThreshold(301)).toBe(151);
    const facts = noFacts();
    facts.point.set(1, { recent: LIMITS.spike.floor - 1, busiestDay: 10 });
    const decisions = decideBatch([rating(), rating(), rating({ pointId: 2 })], facts, false);
    expect(decisions.map((d) => d.pending)).toEqual([false, true, false]);
    facts.point.set(1, { recent: LIMITS.spike.floor + 5, busiestDay: 200 });
    expect(decideBatch([rating()], facts, false)[0]!.pending).toBe(false);
  });
});

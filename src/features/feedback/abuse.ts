/**
 * The rules that keep ratings honest without getting in an honest citizen's way
 * (docs/decisions/0010): rate limits per network and per device (stricter without the proof of
 * work), one counted rating per device per point per Bangkok day (a later one replaces it), and
 * bursts held out of the score until a supervisor reviews them. The numbers live here, together.
 */

export const LIMITS = {
  /** posts per network per hour: with a proof of work, and without (no JavaScript) */
  networkPerHour: { proof: 120, plain: 20 },
  /** posts per device per hour; a kiosk tablet serves a queue of people */
  devicePerHour: { proof: 20, plain: 6, kiosk: 120 },
  /** more ratings than this for one point from one network within `minutes` are a burst */
  burst: { minutes: 10, perNetwork: 10, kioskPerNetwork: 20 },
  /**
   * more ratings for one point within an hour than the larger of `floor` and half its busiest
   * day of the last `historyDays` are a spike
   */
  spike: { minutes: 60, floor: 40, historyDays: 28 },
} as const;

/** What the database knows before a batch is written. */
export interface BatchFacts {
  /** ratings in the burst window by `point|network` */
  network: Map<string, number>;
  /** ratings in the spike window, and the busiest day's count, by point */
  point: Map<number, { recent: number; busiestDay: number }>;
  /** the counted rating of `point|device|day`, if any (not kiosk) */
  previous: Map<string, number>;
}

export interface Candidate {
  pointId: number;
  day: string;
  channel: 'qr' | 'web' | 'kiosk';
  deviceHash: string;
  networkHash: string;
}

export type Replaces = { stored: number } | { inBatch: number } | null;

export interface Decision {
  counted: boolean;
  /** held out of the score for review (a burst or a spike) */
  pending: boolean;
  replaces: Replaces;
}

export const networkKey = (c: { pointId: number; networkHash: string }) => `${c.pointId}|${c.networkHash}`;
export const deviceKey = (c: { pointId: number; deviceHash: string; day: string }) => `${c.pointId}|${c.deviceHash}|${c.day}`;

export function spikeThreshold(busiestDay: number): number {
  return Math.max(LIMITS.spike.floor, Math.ceil(busiestDay / 2));
}

/**
 * Decides each rating of a batch in arrival order, counting the ones before it in the batch as
 * the database would. `networkRules` is false only in load and reliability tests
 * (RATING_NETWORK_LIMITS), whose every request comes from one address.
 */
export function decideBatch(candidates: Candidate[], facts: BatchFacts, networkRules: boolean): Decision[] {
  const network = new Map(facts.network);
  const recent = new Map([...facts.point].map(([point, f]) => [point, f.recent]));
  const counted = new Map<string, Replaces>([...facts.previous].map(([key, id]) => [key, { stored: id }]));
  return candidates.map((candidate, index) => {
    const nKey = networkKey(candidate);
    const fromNetwork = network.get(nKey) ?? 0;
    const atPoint = recent.get(candidate.pointId) ?? 0;
    network.set(nKey, fromNetwork + 1);
    recent.set(candidate.pointId, atPoint + 1);
    const burstLimit = candidate.channel === 'kiosk' ? LIMITS.burst.kioskPerNetwork : LIMITS.burst.perNetwork;
    const spike = atPoint >= spikeThreshold(facts.point.get(candidate.pointId)?.busiestDay ?? 0);
    if ((networkRules && fromNetwork >= burstLimit) || spike) return { counted: false, pending: true, replaces: null };
    // A kiosk tablet is one device for a whole queue of people.
    if (candidate.channel === 'kiosk') return { counted: true, pending: false, replaces: null };
    const dKey = deviceKey(candidate);
    const replaces = counted.get(dKey) ?? null;
    counted.set(dKey, { inBatch: index });
    return { counted: true, pending: false, replaces };
  });
}

/**
 * When requests arrive: bursts at random (Poisson) moments, each of one to three requests a few
 * milliseconds apart, like people clicking at once. Bursts are what make requests overlap, and
 * overlapping requests are what show the mysql lock, even at a couple of requests a second.
 */
import { createRandom, deriveSeed, type Random } from './random';

export interface ArrivalSchedule {
  /** The next arrival, in nanoseconds since the epoch; never less than the previous one. */
  peek(): number;
  /** Consumes and returns the next arrival. */
  take(): number;
  /** Drops arrivals before `ns`, e.g. after the machine slept, and carries on from there. */
  resumeAt(ns: number): void;
}

/** Request indices use the low streams; the schedule draws from one far away from them. */
const ARRIVAL_STREAM = 0xffff_ffff;
const burstSizes: readonly (readonly [number, number])[] = [
  [1, 6],
  [2, 3],
  [3, 1],
];
const MEAN_BURST_SIZE = 1.5;
const MAX_SPACING_IN_BURST_NS = 20_000_000;

export function createArrivalSchedule(seed: number, ratePerSecond: number): ArrivalSchedule {
  if (!(ratePerSecond > 0)) throw new RangeError(`ratePerSecond must be > 0, got ${ratePerSecond}`);
  const random: Random = createRandom(deriveSeed(seed, ARRIVAL_STREAM));
  const meanBurstGapNs = (MEAN_BURST_SIZE / ratePerSecond) * 1e9;
  let burstStartNs = 0;
  let lastNs = 0;
  let pending: number[] = [];

  const fill = (): void => {
    const size = random.weighted(burstSizes);
    let t = Math.max(burstStartNs, lastNs);
    pending = [];
    for (let i = 0; i < size; i++) {
      if (i > 0) t += random.between(0, MAX_SPACING_IN_BURST_NS);
      pending.push(Math.round(t));
    }
    burstStartNs += random.exponential(meanBurstGapNs);
  };
  fill();

  return {
    peek: () => pending[0],
    take() {
      const next = pending[0];
      pending = pending.slice(1);
      lastNs = next;
      if (pending.length === 0) fill();
      return next;
    },
    resumeAt(ns) {
      burstStartNs = Math.max(burstStartNs, ns);
      lastNs = Math.max(lastNs, ns);
      fill();
    },
  };
}

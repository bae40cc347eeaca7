/**
 * The seeded randomness behind every choice and duration of the demo. mulberry32 is tiny, fast
 * and good enough for simulated latencies; what matters is that a seed replays the same traffic.
 */

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  between(min: number, max: number): number;
  /** Uniform whole number in [min, max], both ends included. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks by relative weight, e.g. [['a', 3], ['b', 1]] gives 'a' three times as often. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  /** Normally distributed, but never below `min`: latencies have a floor. */
  normal(mean: number, standardDeviation: number, min: number): number;
  /** Exponentially distributed with the given mean: the gaps between independent arrivals. */
  exponential(mean: number): number;
  /** `digits` lower-case hex digits. */
  hex(digits: number): string;
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const random: Random = {
    next,
    between: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor((max - min + 1) * next()),
    chance: (probability) => next() < probability,
    pick: (items) => {
      if (items.length === 0) throw new RangeError('pick: no items');
      return items[Math.floor(next() * items.length)];
    },
    weighted: (items) => {
      const total = items.reduce((sum, [, weight]) => sum + weight, 0);
      let roll = next() * total;
      for (const [item, weight] of items) {
        roll -= weight;
        if (roll < 0) return item;
      }
      if (items.length === 0) throw new RangeError('weighted: no items');
      return items[items.length - 1][0];
    },
    normal: (mean, standardDeviation, min) => {
      // Box–Muller; 1 - next() keeps the logarithm away from 0.
      const gaussian = Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
      return Math.max(min, mean + standardDeviation * gaussian);
    },
    exponential: (mean) => -mean * Math.log(1 - next()),
    hex: (digits) => {
      let out = '';
      while (out.length < digits)
        out += Math.floor(next() * 0x10000)
          .toString(16)
          .padStart(4, '0');
      return out.slice(0, digits);
    },
  };
  return random;
}

/**
 * A seed for one independent stream (one request, the arrival schedule, ...), so that request 7
 * makes the same choices whatever happened to requests 0–6.
 */
export function deriveSeed(seed: number, stream: number): number {
  let h = Math.imul((seed >>> 0) ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ (stream >>> 0), 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x27d4eb2f);
  return (h ^ (h >>> 15)) >>> 0;
}

/** A seed for a run nobody asked to replay: printed so it can be. */
export function freshSeed(): number {
  return Math.floor(Math.random() * 0x1_0000_0000) >>> 0;
}

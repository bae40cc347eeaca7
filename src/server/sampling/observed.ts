/**
 * Spans and traces per second per service, as ingested: the effect of a sampling strategy, next to
 * it. Counted by arrival time (not span time), because SDKs export in batches of spans that ended
 * a moment ago and a rate is about what reaches the backend. Root spans count as traces, under the
 * root's service. Fixed-size rings of time buckets: memory does not grow with traffic.
 */
import type { Span } from '../../core/model/trace';

export const BUCKET_MS = 5_000;
/** Thirty minutes of complete buckets, plus the one filling. */
export const BUCKETS = 361;
/** A flood of made-up service names must not grow the counters without end. */
export const MAX_SERVICES = 1_000;

interface Ring {
  /** The bucket number (ms / BUCKET_MS) each slot holds, to tell stale slots from current ones. */
  epoch: Float64Array;
  spans: Float64Array;
  traces: Float64Array;
  lastBucket: number;
}

export interface ObservedPoint {
  /** Start of the bucket, epoch ms. */
  t: number;
  spansPerSecond: number;
  tracesPerSecond: number;
}

export interface ObservedService {
  service: string;
  /** Averages over the window and the bucket still filling, so fresh spans count at once. */
  spansPerSecond: number;
  tracesPerSecond: number;
  points: ObservedPoint[];
}

export interface ObservedRatesReport {
  windowSeconds: number;
  stepSeconds: number;
  /** End of the newest complete bucket, epoch ms. */
  end: number;
  services: ObservedService[];
}

export interface ObservedRates {
  /** Feed for `pipeline.observe`. */
  record(spans: readonly Span[]): void;
  /** The last `windowMs` (rounded up to whole buckets, at most the history kept). */
  report(windowMs: number): ObservedRatesReport;
}

export function createObservedRates(now: () => number = Date.now): ObservedRates {
  const rings = new Map<string, Ring>();

  const ringFor = (service: string, bucket: number): Ring => {
    let ring = rings.get(service);
    if (!ring) {
      if (rings.size >= MAX_SERVICES) evictOldest();
      ring = {
        epoch: new Float64Array(BUCKETS).fill(-1),
        spans: new Float64Array(BUCKETS),
        traces: new Float64Array(BUCKETS),
        lastBucket: bucket,
      };
      rings.set(service, ring);
    }
    return ring;
  };

  const evictOldest = () => {
    let oldest: string | undefined;
    let at = Infinity;
    for (const [service, ring] of rings) {
      if (ring.lastBucket < at) [oldest, at] = [service, ring.lastBucket];
    }
    if (oldest !== undefined) rings.delete(oldest);
  };

  const count = (ring: Ring, bucket: number, spans: number, traces: number) => {
    const slot = bucket % BUCKETS;
    if (ring.epoch[slot] !== bucket) {
      ring.epoch[slot] = bucket;
      ring.spans[slot] = 0;
      ring.traces[slot] = 0;
    }
    ring.spans[slot] += spans;
    ring.traces[slot] += traces;
    ring.lastBucket = bucket;
  };

  return {
    record(spans) {
      const bucket = Math.floor(now() / BUCKET_MS);
      // One batch is usually one or a few services: count per batch, then touch each ring once.
      const perService = new Map<string, { spans: number; traces: number }>();
      for (const span of spans) {
        const service = span.resource.serviceName;
        let c = perService.get(service);
        if (!c) perService.set(service, (c = { spans: 0, traces: 0 }));
        c.spans++;
        if (span.parentSpanId === '') c.traces++;
      }
      for (const [service, c] of perService) count(ringFor(service, bucket), bucket, c.spans, c.traces);
    },

    report(windowMs) {
      const n = Math.min(BUCKETS - 1, Math.max(1, Math.ceil(windowMs / BUCKET_MS)));
      const at = now();
      const filling = Math.floor(at / BUCKET_MS);
      // The filling bucket is no point of its own (it would show every rate dropping at the right
      // edge), but the averages include it over the time it has run.
      const fillingSeconds = (at - filling * BUCKET_MS) / 1000;
      const newest = filling - 1;
      const first = newest - n + 1;
      const seconds = BUCKET_MS / 1000;
      const services: ObservedService[] = [];
      for (const [service, ring] of rings) {
        // Not seen for as long as the history goes back: gone, not idle.
        if (ring.lastBucket <= newest - BUCKETS) continue;
        const points: ObservedPoint[] = [];
        let spanSum = 0;
        let traceSum = 0;
        for (let b = first; b <= newest; b++) {
          const slot = ((b % BUCKETS) + BUCKETS) % BUCKETS;
          const fresh = ring.epoch[slot] === b;
          const s = fresh ? ring.spans[slot] : 0;
          const t = fresh ? ring.traces[slot] : 0;
          spanSum += s;
          traceSum += t;
          points.push({ t: b * BUCKET_MS, spansPerSecond: s / seconds, tracesPerSecond: t / seconds });
        }
        const slot = filling % BUCKETS;
        if (ring.epoch[slot] === filling) {
          spanSum += ring.spans[slot];
          traceSum += ring.traces[slot];
        }
        const total = n * seconds + fillingSeconds;
        services.push({
          service,
          spansPerSecond: spanSum / total,
          tracesPerSecond: traceSum / total,
          points,
        });
      }
      services.sort((a, b) => a.service.localeCompare(b.service));
      return { windowSeconds: n * seconds, stepSeconds: seconds, end: (newest + 1) * BUCKET_MS, services };
    },
  };
}

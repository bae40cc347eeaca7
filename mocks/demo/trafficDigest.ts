/**
 * The demo's traffic in compact form: every span of every recorded request with only what the
 * span-metrics and topology aggregators read (service, name, kind, error, parent, times). The
 * recorder (scripts/record-mocks.ts) writes it from the all-in-one's API; the mock backend feeds
 * it, shifted to the present, to the server's own aggregators, so the Monitor and Topology pages
 * show what the real backend would have computed.
 */
import { emptyScope, StatusCode, type SpanKind, type Span, type Trace } from '../../src/core/model/trace';

/** Numbers per span in `TrafficDigest.traces[i][1]`. */
export const SPAN_FIELDS = 7;

export interface TrafficDigest {
  /** Epoch ms at which the recording ends; every time in the recording is before it. */
  recordedAtMs: number;
  /** How much time the recording covers, ending at recordedAtMs. */
  windowMs: number;
  services: string[];
  names: string[];
  /**
   * Per trace: its start (epoch ms, fractional) and its spans, SPAN_FIELDS numbers each: parent
   * index in the trace (-1 for a root), service index, name index, OTLP kind, 1 if an error,
   * start (µs after the trace start), duration (µs).
   */
  traces: [number, number[]][];
}

function interner(list: string[]): (value: string) => number {
  const index = new Map(list.map((v, i) => [v, i]));
  return (value) => {
    let i = index.get(value);
    if (i === undefined) {
      i = list.length;
      list.push(value);
      index.set(value, i);
    }
    return i;
  };
}

const startUs = (span: Span) => Number(span.startTimeUnixNano / 1000n);

/** Traces (model form) to a digest; traces are kept in start order. */
export function digestTraffic(
  traces: readonly Trace[],
  recordedAtMs: number,
  windowMs: number,
): TrafficDigest {
  const digest: TrafficDigest = { recordedAtMs, windowMs, services: [], names: [], traces: [] };
  const service = interner(digest.services);
  const name = interner(digest.names);
  const ordered = traces
    .filter((t) => t.spans.length > 0)
    .map((t) => ({ t, start: Math.min(...t.spans.map(startUs)) }))
    .sort((a, b) => a.start - b.start);
  for (const { t, start } of ordered) {
    const position = new Map(t.spans.map((s, i) => [s.spanId, i]));
    const fields: number[] = [];
    for (const s of t.spans) {
      fields.push(
        position.get(s.parentSpanId) ?? -1,
        service(s.resource.serviceName),
        name(s.name),
        s.kind,
        s.status.code === StatusCode.Error ? 1 : 0,
        startUs(s) - start,
        Number((s.endTimeUnixNano - s.startTimeUnixNano) / 1000n),
      );
    }
    digest.traces.push([start / 1000, fields]);
  }
  return digest;
}

const hex = (n: number, digits: number) => n.toString(16).padStart(digits, '0');

/**
 * The digest as model spans, every time moved by `shiftMs`, with made-up IDs that keep the
 * parent links. Only the fields the aggregators read carry information.
 */
export function trafficSpans(digest: TrafficDigest, shiftMs: number): Span[] {
  const spans: Span[] = [];
  const resources = digest.services.map((serviceName) => ({ serviceName, attributes: [] }));
  digest.traces.forEach(([startMs, fields], t) => {
    const traceId = hex(t + 1, 32);
    const traceStartUs = BigInt(Math.round((startMs + shiftMs) * 1000));
    for (let i = 0; i < fields.length; i += SPAN_FIELDS) {
      const [parent, service, name, kind, error, offsetUs, durationUs] = fields.slice(i, i + SPAN_FIELDS);
      const start = (traceStartUs + BigInt(offsetUs)) * 1000n;
      spans.push({
        traceId,
        spanId: hex(i / SPAN_FIELDS + 1, 16),
        parentSpanId: parent < 0 ? '' : hex(parent + 1, 16),
        traceState: '',
        flags: 1,
        name: digest.names[name],
        kind: kind as SpanKind,
        startTimeUnixNano: start,
        endTimeUnixNano: start + BigInt(durationUs) * 1000n,
        attributes: [],
        events: [],
        links: [],
        status: { code: error ? StatusCode.Error : StatusCode.Unset, message: '' },
        resource: resources[service],
        scope: emptyScope,
        warnings: [],
      });
    }
  });
  return spans;
}

/** Per service, over the recording: traces it started and spans it sent, per second. */
export function serviceRates(
  digest: TrafficDigest,
): Record<string, { tracesPerSecond: number; spansPerSecond: number }> {
  const seconds = digest.windowMs / 1000;
  const rates: Record<string, { tracesPerSecond: number; spansPerSecond: number }> = {};
  for (const name of digest.services) rates[name] = { tracesPerSecond: 0, spansPerSecond: 0 };
  for (const [, fields] of digest.traces) {
    for (let i = 0; i < fields.length; i += SPAN_FIELDS) {
      const rate = rates[digest.services[fields[i + 1]]];
      rate.spansPerSecond += 1 / seconds;
      if (fields[i] < 0) rate.tracesPerSecond += 1 / seconds;
    }
  }
  return rates;
}

/** Traces started and spans sent by one service in one time bucket. */
export interface BucketCount {
  traces: number;
  spans: number;
}

/**
 * Per service, what it sent in each `bucketMs` bucket of the recording moved by `shiftMs`, keyed
 * by bucket number (epoch ms / bucketMs, floored). A span counts in the bucket its trace started.
 */
export function serviceBuckets(
  digest: TrafficDigest,
  shiftMs: number,
  bucketMs: number,
): Map<string, Map<number, BucketCount>> {
  const buckets = new Map<string, Map<number, BucketCount>>(digest.services.map((name) => [name, new Map()]));
  for (const [startMs, fields] of digest.traces) {
    const bucket = Math.floor((startMs + shiftMs) / bucketMs);
    for (let i = 0; i < fields.length; i += SPAN_FIELDS) {
      const perBucket = buckets.get(digest.services[fields[i + 1]]);
      if (!perBucket) continue;
      const count = perBucket.get(bucket) ?? { traces: 0, spans: 0 };
      count.spans++;
      if (fields[i] < 0) count.traces++;
      perBucket.set(bucket, count);
    }
  }
  return buckets;
}

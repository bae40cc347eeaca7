/** Spans for the metrics tests: only what the span-metrics aggregator looks at varies. */
import { emptyScope, SpanKind, StatusCode, type Resource, type Span } from '../../core/model/trace';

export interface TestSpan {
  service: string;
  name: string;
  /** Epoch milliseconds (may be fractional). */
  endMs: number;
  durationMs: number;
  kind?: SpanKind;
  status?: StatusCode;
}

const resources = new Map<string, Resource>();

function resource(service: string): Resource {
  let r = resources.get(service);
  if (!r) {
    r = { serviceName: service, attributes: [{ key: 'service.name', type: 'string', value: service }] };
    resources.set(service, r);
  }
  return r;
}

let counter = 0;

export function testSpan(t: TestSpan): Span {
  // Whole milliseconds and the fraction apart: epoch nanoseconds do not fit a double exactly.
  const endNs = BigInt(Math.floor(t.endMs)) * 1_000_000n + BigInt(Math.round((t.endMs % 1) * 1e6));
  const id = (++counter).toString(16).padStart(16, '0');
  return {
    traceId: id.padStart(32, '0'),
    spanId: id,
    parentSpanId: '',
    traceState: '',
    flags: 1,
    name: t.name,
    kind: t.kind ?? SpanKind.Server,
    startTimeUnixNano: endNs - BigInt(Math.round(t.durationMs * 1e6)),
    endTimeUnixNano: endNs,
    attributes: [],
    events: [],
    links: [],
    status: { code: t.status ?? StatusCode.Unset, message: '' },
    resource: resource(t.service),
    scope: emptyScope,
    warnings: [],
  };
}

/** A controllable clock for the aggregator (epoch milliseconds). */
export function fakeClock(startMs: number) {
  let now = startMs;
  return {
    now: () => now,
    set: (ms: number) => {
      now = ms;
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
}

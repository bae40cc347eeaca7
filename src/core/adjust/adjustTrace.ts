/**
 * Jaeger's query-time adjusters (querysvc/adjuster) that change what people see, applied
 * unless the caller asks for the raw trace.
 */
import { sortAttributesByKey, type Attribute } from '../model/attributes';
import { SpanKind, type Resource, type Span, type SpanEvent, type Trace } from '../model/trace';

/**
 * Drops spans that are exact copies of an earlier one (a retried export, a double send).
 * Only spans that share an ID can be copies, so the costly fingerprint is computed for those alone.
 */
export function dedupeSpans(spans: readonly Span[]): Span[] {
  const firstById = new Map<string, number>();
  let shared = false;
  for (let i = 0; i < spans.length; i++) {
    if (firstById.has(spans[i].spanId)) shared = true;
    else firstById.set(spans[i].spanId, i);
  }
  if (!shared) return [...spans];
  const counts = new Map<string, number>();
  for (const s of spans) counts.set(s.spanId, (counts.get(s.spanId) ?? 0) + 1);
  const seen = new Set<string>();
  const out: Span[] = [];
  for (const s of spans) {
    if (counts.get(s.spanId) === 1) {
      out.push(s);
      continue;
    }
    const key = spanFingerprint(s);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(s);
  }
  return out;
}

/** The content of a span, for telling exact copies apart from spans that only share an ID. */
export function spanFingerprint(s: Span): string {
  return JSON.stringify(
    [s.resource.attributes, s.scope, { ...s, resource: undefined, scope: undefined, warnings: undefined }],
    (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v),
  );
}

/**
 * Sorts resource, scope, span, event and link attributes by key, and events by name (stable).
 * `sortResource` lets a caller share one sorted copy among the spans of a resource.
 */
export function sortCollections(s: Span, sortResource: (r: Resource) => Resource = sortedResource): Span {
  if (isSorted(s)) return s;
  // Only the parts out of order are copied: a span's own attributes are the usual one.
  return {
    ...s,
    attributes: sortedIn(s.attributes),
    events: eventsSorted(s.events)
      ? s.events
      : [...s.events]
          .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
          .map((e) =>
            keysSorted(e.attributes) ? e : { ...e, attributes: sortAttributesByKey(e.attributes) },
          ),
    links: s.links.every((l) => keysSorted(l.attributes))
      ? s.links
      : s.links.map((l) =>
          keysSorted(l.attributes) ? l : { ...l, attributes: sortAttributesByKey(l.attributes) },
        ),
    resource: keysSorted(s.resource.attributes) ? s.resource : sortResource(s.resource),
    scope: keysSorted(s.scope.attributes)
      ? s.scope
      : { ...s.scope, attributes: sortAttributesByKey(s.scope.attributes) },
  };
}

function sortedIn(attributes: readonly Attribute[]): readonly Attribute[] {
  return keysSorted(attributes) ? attributes : sortAttributesByKey(attributes);
}

function eventsSorted(events: readonly SpanEvent[]): boolean {
  for (let i = 0; i < events.length; i++) {
    if (i > 0 && events[i - 1].name > events[i].name) return false;
    if (!keysSorted(events[i].attributes)) return false;
  }
  return true;
}

function sortedResource(r: Resource): Resource {
  return { ...r, attributes: sortAttributesByKey(r.attributes) };
}

function keysSorted(attributes: readonly { key: string }[]): boolean {
  for (let i = 1; i < attributes.length; i++) if (attributes[i - 1].key > attributes[i].key) return false;
  return true;
}

/** Most spans arrive sorted already; checking is far cheaper than copying. */
function isSorted(s: Span): boolean {
  return (
    keysSorted(s.attributes) &&
    keysSorted(s.resource.attributes) &&
    keysSorted(s.scope.attributes) &&
    eventsSorted(s.events) &&
    s.links.every((l) => keysSorted(l.attributes))
  );
}

/**
 * The warnings Jaeger's clock-skew adjuster adds even when adjustment is disabled (its default):
 * duplicate span IDs, parents missing from the trace, and children outside their parent
 * on a different host.
 */
export function clockSkewWarnings(spans: readonly Span[]): Span[] {
  const byId = new Map<string, Span>();
  const duplicated = new Set<string>();
  for (const s of spans) {
    if (byId.has(s.spanId)) duplicated.add(s.spanId);
    else byId.set(s.spanId, s);
  }
  return spans.map((s) => {
    const parent = s.parentSpanId ? byId.get(s.parentSpanId) : undefined;
    const warning = clockSkewWarning(s, parent, duplicated.has(s.spanId));
    return warning ? { ...s, warnings: [...s.warnings, warning] } : s;
  });
}

/**
 * The clock-skew warning of one span, given its parent (the first span of the trace with its
 * parent ID) and whether its own ID occurs more than once in the trace; '' when there is none.
 */
export function clockSkewWarning(
  s: Span,
  parent: Span | undefined,
  duplicated: boolean,
  hostOf: (s: Span) => string = hostKey,
): string {
  if (duplicated) return 'duplicate span IDs; skipping clock skew adjustment';
  if (!s.parentSpanId) return '';
  if (!parent) return `parent span ID=${s.parentSpanId} is not in the trace; skipping clock skew adjustment`;
  const host = hostOf(s);
  if (hostOf(parent) === host && host !== '') return '';
  const delta = skewDelta(parent, s);
  return delta === 0n
    ? ''
    : `clock skew adjustment disabled; not applying calculated delta of ${goDuration(delta)}`;
}

/** The host a span ran on, from its resource; '' when unknown. */
export function hostKey(s: Span): string {
  for (const key of ['host.id', 'host.ip', 'host.name']) {
    const a = s.resource.attributes.find((x) => x.key === key);
    if (a && a.type === 'string' && a.value) return a.value;
  }
  return '';
}

/** How far the child would move to fit inside its parent, as Jaeger computes it. */
function skewDelta(parent: Span, child: Span): bigint {
  if (child.startTimeUnixNano >= parent.startTimeUnixNano && child.endTimeUnixNano <= parent.endTimeUnixNano)
    return 0n;
  const parentDuration = parent.endTimeUnixNano - parent.startTimeUnixNano;
  const childDuration = child.endTimeUnixNano - child.startTimeUnixNano;
  if (childDuration > parentDuration) {
    // The child cannot fit: Jaeger centres it on the parent's start.
    return parent.startTimeUnixNano - child.startTimeUnixNano;
  }
  const latency = (parentDuration - childDuration) / 2n;
  return parent.startTimeUnixNano + latency - child.startTimeUnixNano;
}

/** Go's Duration.String(): 1.5s, 250ms, 3µs, 1m30s. */
export function goDuration(ns: bigint): string {
  if (ns === 0n) return '0s';
  const neg = ns < 0n;
  let v = neg ? -ns : ns;
  let out: string;
  if (v < 1000n) out = `${v}ns`;
  else if (v < 1_000_000n) out = `${trimFraction(v, 1000n)}µs`;
  else if (v < 1_000_000_000n) out = `${trimFraction(v, 1_000_000n)}ms`;
  else {
    const h = v / 3_600_000_000_000n;
    v -= h * 3_600_000_000_000n;
    const m = v / 60_000_000_000n;
    v -= m * 60_000_000_000n;
    const s = trimFraction(v, 1_000_000_000n);
    out = h > 0n ? `${h}h${m}m${s}s` : m > 0n ? `${m}m${s}s` : `${s}s`;
  }
  return neg ? `-${out}` : out;
}

function trimFraction(v: bigint, unit: bigint): string {
  const whole = v / unit;
  const frac = (v % unit)
    .toString()
    .padStart(unit.toString().length - 1, '0')
    .replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : `${whole}`;
}

/**
 * Zipkin-style instrumentation gives a client span and its server span the same ID. Like
 * Jaeger's DeduplicateClientServerSpanIDs, the server span gets a new unique ID and becomes a
 * child of the client span; the spans that named the shared ID as parent move under the server.
 */
export function dedupeClientServerSpanIds(spans: readonly Span[]): Span[] {
  const clientIds = new Set<string>();
  const used = new Set<string>();
  for (const s of spans) {
    used.add(s.spanId);
    if (s.kind === SpanKind.Client) clientIds.add(s.spanId);
  }
  const renamed = new Map<string, string>();
  const out = spans.map((s) => {
    if (s.kind !== SpanKind.Server || !clientIds.has(s.spanId) || renamed.has(s.spanId)) return s;
    let next = BigInt(`0x${s.spanId}`);
    let id: string;
    do {
      next = (next + 1n) & 0xffffffffffffffffn;
      id = next.toString(16).padStart(16, '0');
    } while (used.has(id) || next === 0n);
    used.add(id);
    renamed.set(s.spanId, id);
    return { ...s, spanId: id, parentSpanId: s.spanId };
  });
  if (renamed.size === 0) return out;
  return out.map((s) => {
    const parent = renamed.get(s.parentSpanId);
    return parent !== undefined && parent !== s.spanId ? { ...s, parentSpanId: parent } : s;
  });
}

/**
 * The full adjuster chain for one trace, one adjuster after the other: the reference that the
 * server's planned, slice-by-slice version (adjustPlan.ts) is tested against. The server answers
 * with the plan only.
 */
export function adjustTrace(trace: Trace): Trace {
  const sorted = dedupeClientServerSpanIds(trace.spans).map((s) => sortCollections(s));
  return { ...trace, spans: clockSkewWarnings(dedupeSpans(sorted)) };
}

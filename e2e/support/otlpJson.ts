/**
 * Traces with exactly chosen names, attributes and durations, posted as OTLP/JSON to the
 * all-in-one, so a search test can say which traces must be found. (otelTraffic.ts sends through
 * the real SDK; this one controls every number.)
 */
import { randomBytes } from 'node:crypto';

export interface SpanSpec {
  name: string;
  service: string;
  /** Span duration. */
  durationMs: number;
  /** Start relative to the trace's start. */
  offsetMs?: number;
  /** OTLP span kind number: 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind?: number;
  attributes?: Record<string, string | number | boolean>;
  error?: boolean;
  children?: SpanSpec[];
}

export interface TraceSpec {
  root: SpanSpec;
  /** Epoch ms; default now minus a minute. */
  startMs?: number;
}

type OtlpValue =
  { stringValue: string } | { intValue: string } | { doubleValue: number } | { boolValue: boolean };

function value(v: string | number | boolean): OtlpValue {
  if (typeof v === 'boolean') return { boolValue: v };
  if (typeof v === 'number') return Number.isInteger(v) ? { intValue: String(v) } : { doubleValue: v };
  return { stringValue: v };
}

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const nanos = (ms: number) => (BigInt(Math.round(ms * 1000)) * 1000n).toString();

/** One ExportTraceServiceRequest holding every trace given, and their IDs in the same order. */
export function otlpRequest(traces: readonly TraceSpec[]): { body: unknown; traceIds: string[] } {
  const byService = new Map<string, unknown[]>();
  const traceIds: string[] = [];
  for (const trace of traces) {
    const traceId = hex(16);
    traceIds.push(traceId);
    const start = trace.startMs ?? Date.now() - 60_000;
    const add = (span: SpanSpec, parentSpanId: string, parentStart: number) => {
      const spanId = hex(8);
      const spanStart = parentStart + (span.offsetMs ?? 0);
      const list = byService.get(span.service) ?? [];
      byService.set(span.service, list);
      list.push({
        traceId,
        spanId,
        ...(parentSpanId ? { parentSpanId } : {}),
        name: span.name,
        kind: span.kind ?? (parentSpanId ? 1 : 2),
        startTimeUnixNano: nanos(spanStart),
        endTimeUnixNano: nanos(spanStart + span.durationMs),
        attributes: Object.entries(span.attributes ?? {}).map(([key, v]) => ({ key, value: value(v) })),
        status: span.error ? { code: 2, message: 'failed' } : {},
      });
      for (const child of span.children ?? []) add(child, spanId, spanStart);
    };
    add(trace.root, '', start);
  }
  const resourceSpans = [...byService].map(([service, spans]) => ({
    resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
    scopeSpans: [{ scope: { name: 'e2e-otlp-json', version: '1.0.0' }, spans }],
  }));
  return { body: { resourceSpans }, traceIds };
}

/** Posts the traces to `<otlpHttpBase>/v1/traces` and returns their IDs. */
export async function sendTraces(otlpHttpBase: string, traces: readonly TraceSpec[]): Promise<string[]> {
  const { body, traceIds } = otlpRequest(traces);
  const response = await fetch(`${otlpHttpBase}/v1/traces`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`OTLP/HTTP answered ${response.status}: ${await response.text()}`);
  return traceIds;
}

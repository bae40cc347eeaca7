import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAllInOne } from '../allInOne';
import { tracesFromJaegerResponse } from '../../core/jaeger/fromJaegerJson';
import { SpanKind, type Span } from '../../core/model/trace';
import { spansToOtlpJson } from '../../core/otlp/toOtlpJson';
import { syntheticTrace } from '../../core/testing/syntheticTrace';
import type { TraceHead } from '../../core/tree/traceHead';
import { buildTraceIndex } from '../../core/tree/traceIndex';
import { otlpJsonRequest, startTestServer } from '../testing/testServer';

let app: RunningAllInOne;
const TRACE = '5b8efff798038103d269b633813fc60c';
const START_NS = BigInt(Date.now() - 60_000) * 1_000_000n;

beforeAll(async () => {
  app = await startTestServer();
  const res = await fetch(`${app.urls.otlpHttp}/v1/traces`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(otlpJsonRequest(TRACE, START_NS)),
  });
  expect(res.status).toBe(200);
});
afterAll(() => app.close());

const get = (path: string) => fetch(`${app.urls.query}${path}`);
const headOf = async (path: string) => (await (await get(path)).json()) as TraceHead;

describe('GET /api/traces/{id}/head', () => {
  it('answers the first rows in display order with the trace’s size and time range', async () => {
    const res = await get(`/api/traces/${TRACE}/head?rows=10`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({
      traceId: TRACE,
      spanCount: 2,
      serviceCount: 2,
      startUs: Number(START_NS / 1000n),
      durationUs: 100_000,
      rows: [
        {
          spanId: 'eee19b7ec3c1b174',
          parentRow: -1,
          depth: 0,
          childCount: 1,
          startUs: 0,
          durationUs: 100_000,
          service: 'frontend',
          operation: 'HTTP GET /dispatch',
          kind: 'server',
          error: false,
        },
        {
          spanId: 'eee19b7ec3c1b175',
          parentRow: 0,
          depth: 1,
          childCount: 0,
          startUs: 10_000,
          durationUs: 80_000,
          service: 'driver',
          operation: 'FindNearest',
          kind: 'server',
          error: true,
        },
      ],
    });
  });

  it('stops after the rows asked for, and takes upper-case and short IDs', async () => {
    const body = await headOf(`/api/traces/${TRACE.toUpperCase()}/head?rows=1`);
    expect(body.rows.map((r) => r.spanId)).toEqual(['eee19b7ec3c1b174']);
    expect(body.spanCount).toBe(2);
  });

  it('answers 404 for a trace it does not have and 400 for a bad ID or row count', async () => {
    const missing = await get('/api/traces/abcdef/head');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('trace not found');
    expect((await get('/api/traces/not-an-id!/head')).status).toBe(400);
    for (const rows of ['0', '1001', 'x', '-1', '1.5']) {
      const res = await get(`/api/traces/${TRACE}/head?rows=${rows}`);
      expect(res.status).toBe(400);
      expect(await res.text()).toContain(`unable to parse param 'rows'`);
    }
  });

  it('gives the rows the full adjusted response shows first, also when a server span shares its client’s ID', async () => {
    const synthetic = syntheticTrace(3_000, 11);
    const spans: Span[] = synthetic.spans.map((s) => ({
      ...s,
      startTimeUnixNano: s.startTimeUnixNano - synthetic.spans[0].startTimeUnixNano + START_NS,
      endTimeUnixNano: s.endTimeUnixNano - synthetic.spans[0].startTimeUnixNano + START_NS,
    }));
    // Zipkin style: the server half of a call reuses the client's span ID; the adjusters split them.
    const client = spans.findIndex((s, i) => i > 0 && s.parentSpanId === spans[0].spanId);
    spans[client] = { ...spans[client], kind: SpanKind.Client };
    spans.push({
      ...spans[client],
      kind: SpanKind.Server,
      parentSpanId: spans[client].parentSpanId,
      name: 'shared-id server',
    });
    const res = await fetch(`${app.urls.otlpHttp}/v1/traces`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(spansToOtlpJson(spans)),
    });
    expect(res.status).toBe(200);
    const traceId = spans[0].traceId;
    const head = await headOf(`/api/traces/${traceId}/head?rows=300`);
    const full = tracesFromJaegerResponse(await (await get(`/api/traces/${traceId}`)).json())[0];
    const index = buildTraceIndex(full);
    expect(head.spanCount).toBe(index.spans.length);
    expect(head.rows.map((r) => r.spanId)).toEqual(index.spans.slice(0, 300).map((s) => s.spanId));
    expect(head.rows.map((r) => r.depth)).toEqual([...index.depth.slice(0, 300)]);
    expect(head.rows.some((r) => r.operation === 'shared-id server')).toBe(
      index.spans.slice(0, 300).some((s) => s.name === 'shared-id server'),
    );
  });
});

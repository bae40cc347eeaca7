import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAllInOne } from '../allInOne';
import { decodeTraceColumns } from '../../core/columns/decodeTraceColumns';
import { TRACE_COLUMNS_MEDIA_TYPE } from '../../core/columns/columnsFormat';
import type { JaegerEnvelope, JaegerTrace } from '../../core/jaeger/jaegerJson';
import { scanJaegerResponse } from '../../core/jaeger/scanJaegerResponse';
import { SpanKind, type Span } from '../../core/model/trace';
import { spansToOtlpJson } from '../../core/otlp/toOtlpJson';
import { syntheticTrace } from '../../core/testing/syntheticTrace';
import { columnsOfTrace } from '../../core/tree/traceIndex';
import { otlpJsonRequest, startTestServer, postOtlpJson } from '../testing/testServer';

const TRACE = '5b8efff798038103d269b633813fc60c';
const START_NS = BigInt(Date.now() - 60_000) * 1_000_000n;
const decoder = new TextDecoder();
const utf8 = (bytes: Uint8Array) => decoder.decode(bytes);

async function ingest(app: RunningAllInOne, body: unknown): Promise<void> {
  expect(await postOtlpJson(app, body)).toBe(200);
}

/** A synthetic trace moved to now, with a Zipkin-style shared client/server span ID. */
function recentTrace(spanCount: number, seed: number): Span[] {
  const synthetic = syntheticTrace(spanCount, seed);
  const t0 = synthetic.spans[0].startTimeUnixNano;
  const spans: Span[] = synthetic.spans.map((s) => ({
    ...s,
    startTimeUnixNano: s.startTimeUnixNano - t0 + START_NS,
    endTimeUnixNano: s.endTimeUnixNano - t0 + START_NS,
    events: s.events.map((e) => ({ ...e, timeUnixNano: e.timeUnixNano - t0 + START_NS })),
  }));
  const client = spans.findIndex((s) => s.parentSpanId !== '');
  spans[client] = { ...spans[client], kind: SpanKind.Client };
  spans.push({ ...spans[client], kind: SpanKind.Server, name: 'shared-id server' });
  return spans;
}

type Envelope = JaegerEnvelope<JaegerTrace[]>;

describe('GET /api/traces/{id}/columns and /spans/{spanID}', () => {
  let app: RunningAllInOne;
  const get = (path: string, init?: RequestInit) => fetch(`${app.urls.query}${path}`, init);
  const bytesOf = async (res: Response) => new Uint8Array(await res.arrayBuffer());

  beforeAll(async () => {
    app = await startTestServer();
    await ingest(app, otlpJsonRequest(TRACE, START_NS));
  });
  afterAll(() => app.close());

  it('answers the columns of exactly what the JSON response decodes to', async () => {
    const spans = recentTrace(3_000, 21);
    await ingest(app, spansToOtlpJson(spans));
    const traceId = spans[0].traceId;
    const res = await get(`/api/traces/${traceId}/columns`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(TRACE_COLUMNS_MEDIA_TYPE);
    const columns = decodeTraceColumns(await bytesOf(res));

    const scanned = scanJaegerResponse(await bytesOf(await get(`/api/traces/${traceId}`)), utf8);
    expect(scanned).not.toBeNull();
    if (!scanned) return;
    expect(columns).toEqual({
      ...columnsOfTrace(scanned.trace, { times: scanned.times, parents: scanned.parents }),
      events: scanned.events,
      spanIdBytes: scanned.spanIdBytes,
    });
    // The adjusters split the shared ID: one span more than IDs before, none repeated now.
    expect(columns.spanCount).toBe(spans.length);
    expect(columns.parents.duplicates).toBe(0);
  });

  it('answers one adjusted span as the full response writes it, also the server half of a shared ID', async () => {
    const full = (await (await get(`/api/traces/${TRACE}`)).json()) as Envelope;
    const trace = full.data[0];
    for (const span of trace.spans) {
      const res = await get(`/api/traces/${TRACE}/spans/${span.spanID.toUpperCase()}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json');
      const one = (await res.json()) as Envelope;
      expect(one).toMatchObject({ total: 0, limit: 0, offset: 0, errors: null });
      expect(one.data).toHaveLength(1);
      const [got] = one.data[0].spans;
      expect({ ...got, processID: undefined }).toEqual({ ...span, processID: undefined });
      expect(one.data[0].processes[got.processID ?? '']).toEqual(trace.processes[span.processID ?? '']);
      expect(one.data[0].traceID).toBe(trace.traceID);
    }
  });

  it('finds a span at the position the columns give, also among spans sharing an ID', async () => {
    const spans = recentTrace(200, 4);
    spans.push({ ...spans[5], name: 'same ID, another span' });
    await ingest(app, spansToOtlpJson(spans));
    const traceId = spans[0].traceId;
    const columns = decodeTraceColumns(await bytesOf(await get(`/api/traces/${traceId}/columns`)));
    expect(columns.parents.duplicates).toBe(1);
    const ids = utf8(columns.spanIdBytes ?? new Uint8Array());
    const at = columns.spanCount - 1;
    const id = ids.slice(16 * at, 16 * at + 16);
    const first = (await (await get(`/api/traces/${traceId}/spans/${id}`)).json()) as Envelope;
    const second = (await (
      await get(`/api/traces/${traceId}/spans/${id}?position=${at}`)
    ).json()) as Envelope;
    expect(second.data[0].spans[0].operationName).toBe('same ID, another span');
    expect(first.data[0].spans[0].operationName).not.toBe('same ID, another span');
    expect((await get(`/api/traces/${traceId}/spans/${id}?position=0`)).status).toBe(404);
    expect((await get(`/api/traces/${traceId}/spans/${id}?position=99999`)).status).toBe(404);
  });

  it('re-encodes a trace that received spans since it was answered', async () => {
    const traceId = 'c'.repeat(32);
    await ingest(app, otlpJsonRequest(traceId, START_NS));
    const before = decodeTraceColumns(await bytesOf(await get(`/api/traces/${traceId}/columns`)));
    const late = otlpJsonRequest(traceId, START_NS);
    late.resourceSpans[0].scopeSpans[0].spans[0].spanId = '00000000000000aa';
    await ingest(app, late);
    const after = decodeTraceColumns(await bytesOf(await get(`/api/traces/${traceId}/columns`)));
    expect([before.spanCount, after.spanCount]).toEqual([2, 3]);
    expect((await get(`/api/traces/${traceId}/spans/00000000000000aa`)).status).toBe(200);
  });

  it('answers 404 for a trace or span it does not have, 400 for malformed IDs and positions', async () => {
    const missing = await get('/api/traces/abcdef/columns');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('trace not found');
    expect((await get('/api/traces/abcdef/spans/eee19b7ec3c1b174')).status).toBe(404);
    const noSpan = await get(`/api/traces/${TRACE}/spans/00000000000000ff`);
    expect(noSpan.status).toBe(404);
    expect(await noSpan.text()).toContain('span not found');
    expect((await get('/api/traces/not-an-id!/columns')).status).toBe(400);
    const badSpan = await get(`/api/traces/${TRACE}/spans/xyz`);
    expect(badSpan.status).toBe(400);
    expect(await badSpan.text()).toContain('malformed spanID');
    for (const position of ['-1', 'x', '1.5']) {
      const res = await get(`/api/traces/${TRACE}/spans/eee19b7ec3c1b174?position=${position}`);
      expect(res.status).toBe(400);
    }
  });

  it('answers HEAD with the headers only', async () => {
    const res = await get(`/api/traces/${TRACE}/columns`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(Number(res.headers.get('content-length'))).toBeGreaterThan(100);
    expect((await res.arrayBuffer()).byteLength).toBe(0);
  });
});

describe('a trace only the archive has', () => {
  let app: RunningAllInOne;
  beforeAll(async () => {
    app = await startTestServer({ maxTraces: 2 });
  });
  afterAll(() => app.close());

  it('is answered from the archive, as get-by-ID does', async () => {
    const get = (path: string, init?: RequestInit) => fetch(`${app.urls.query}${path}`, init);
    const archived = 'a'.repeat(32);
    await ingest(app, otlpJsonRequest(archived, START_NS));
    expect((await get(`/api/archive/${archived}`, { method: 'POST' })).status).toBe(200);
    for (let t = 1; t <= 2; t++) await ingest(app, otlpJsonRequest(`${t}`.repeat(32), START_NS));
    expect(await app.store.getTrace(archived)).toBeNull();
    const res = await get(`/api/traces/${archived}/columns`);
    const columns = decodeTraceColumns(new Uint8Array(await res.arrayBuffer()));
    expect(columns.traceId).toBe(archived);
    expect(columns.spanCount).toBe(2);
    expect((await get(`/api/traces/${archived}/spans/eee19b7ec3c1b175`)).status).toBe(200);
  });
});

describe('with a query token', () => {
  let app: RunningAllInOne;
  beforeAll(async () => {
    app = await startTestServer({ queryToken: 'columns-secret' });
    await ingest(app, otlpJsonRequest(TRACE, START_NS));
  });
  afterAll(() => app.close());

  it('refuses requests without the bearer token and answers those with it', async () => {
    for (const path of [`/api/traces/${TRACE}/columns`, `/api/traces/${TRACE}/spans/eee19b7ec3c1b174`]) {
      const refused = await fetch(`${app.urls.query}${path}`);
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toContain('Bearer');
      const wrong = await fetch(`${app.urls.query}${path}`, { headers: { Authorization: 'Bearer nope' } });
      expect(wrong.status).toBe(401);
      const ok = await fetch(`${app.urls.query}${path}`, {
        headers: { Authorization: 'Bearer columns-secret' },
      });
      expect(ok.status).toBe(200);
    }
  });
});

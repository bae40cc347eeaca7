import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAllInOne } from '../allInOne';
import { HttpError } from '../http/httpError';
import { listenHttp, type Listener } from '../http/listen';
import { sendJaegerError, sendNotFound } from '../http/respond';
import { createMemoryStore } from '../storage/memoryStore';
import { otlpJsonRequest, startTestServer, postOtlpJson } from '../testing/testServer';
import { createQueryRouter } from './queryRoutes';

const json = async (res: Response): Promise<any> => res.json();
const NOW_NS = BigInt(Date.now()) * 1_000_000n;
const hex = (n: number) => n.toString(16).padStart(32, '0');
const ARCHIVED_OK = '{"data":[],"total":0,"limit":0,"offset":0,"errors":[]}';
const fixture = (name: string): string =>
  readFileSync(new URL(`../../core/testdata/${name}`, import.meta.url), 'utf8');

async function ingest(app: RunningAllInOne, body: unknown): Promise<void> {
  expect(await postOtlpJson(app, body)).toBe(200);
}

function v1ErrorBody(code: number, msg: string): string {
  return `${JSON.stringify({ data: null, total: 0, limit: 0, offset: 0, errors: [{ code, msg }] })}\n`;
}

describe('POST /api/archive/{traceID}', () => {
  let app: RunningAllInOne;
  const get = (path: string) => fetch(`${app.urls.query}${path}`);
  const archive = (id: string) => fetch(`${app.urls.query}/api/archive/${id}`, { method: 'POST' });

  beforeAll(async () => {
    // A main store of two traces, so that a third evicts the first.
    app = await startTestServer({ maxTraces: 2 });
  });
  afterAll(() => app.close());

  it('archives a stored trace and answers Jaeger’s empty success envelope', async () => {
    await ingest(app, otlpJsonRequest(hex(1), NOW_NS));
    const res = await archive('1');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.text()).toBe(ARCHIVED_OK);
  });

  it('keeps archived traces readable after the main store evicted them', async () => {
    await ingest(app, otlpJsonRequest(hex(2), NOW_NS));
    await ingest(app, otlpJsonRequest(hex(3), NOW_NS));
    expect(app.store.stats().traces).toBe(2);
    expect(await app.store.getTrace(hex(1))).toBeNull();

    const one = await json(await get('/api/traces/1'));
    expect(one.data[0].traceID).toBe('0000000000000001');
    expect(one.data[0].spans).toHaveLength(2);
    // The archive holds what the query service returned, adjusted: even raw, its attributes are sorted.
    const raw = await json(await get('/api/v3/traces/1?rawTraces=true'));
    const keys = raw.result.resourceSpans[0].resource.attributes.map((a: { key: string }) => a.key);
    expect(keys).toEqual(['host.name', 'service.name']);

    // Multi-get: the main store's finds first, then the archive's, then the missing IDs as errors.
    const multi = await json(await get('/api/traces?traceID=1&traceID=3&traceID=ff'));
    expect(multi.data.map((t: { traceID: string }) => t.traceID)).toEqual([
      '0000000000000003',
      '0000000000000001',
    ]);
    expect(multi.errors).toEqual([{ msg: 'trace not found', traceID: '00000000000000ff' }]);

    const v3 = await json(await get('/api/v3/traces/1'));
    expect(v3.result.resourceSpans[0].scopeSpans[0].spans[0].traceId).toBe(hex(1));
  });

  it('lets an evicted trace that nobody archived go', async () => {
    await ingest(app, otlpJsonRequest(hex(4), NOW_NS));
    expect((await get('/api/traces/2')).status).toBe(404);
    const res = await archive('2');
    expect(res.status).toBe(404);
    expect(await res.text()).toBe(v1ErrorBody(404, 'trace not found'));
  });

  it('re-archives a trace found only in the archive, and adds warnings again like Jaeger', async () => {
    const orphan = otlpJsonRequest(hex(5), NOW_NS);
    orphan.resourceSpans = orphan.resourceSpans.slice(1);
    await ingest(app, orphan);
    expect(await (await archive('5')).text()).toBe(ARCHIVED_OK);
    const warning = 'parent span ID=eee19b7ec3c1b174 is not in the trace; skipping clock skew adjustment';
    expect((await json(await get('/api/traces/5'))).data[0].spans[0].warnings).toEqual([warning]);
    await ingest(app, otlpJsonRequest(hex(6), NOW_NS));
    await ingest(app, otlpJsonRequest(hex(7), NOW_NS));
    // Jaeger archives the adjusted trace, and adjusts again when reading it from the archive.
    expect((await json(await get('/api/traces/5'))).data[0].spans[0].warnings).toEqual([warning, warning]);
    expect(await (await archive('5')).text()).toBe(ARCHIVED_OK);
  });

  it('validates the ID and the start, end and raw parameters as get-by-ID does', async () => {
    const res = await archive('not-a-trace-id!');
    expect(res.status).toBe(400);
    expect((await json(res)).errors[0].msg).toBe(
      'malformed traceID: "not-a-trace-id!" is not a hex or base64 trace ID',
    );
    const msg = async (q: string) => (await json(await archive(`1?${q}`))).errors[0].msg;
    expect(await msg('start=x')).toBe(
      `unable to parse param 'start': strconv.ParseInt: parsing "x": invalid syntax`,
    );
    expect(await msg('end=1.5')).toBe(
      `unable to parse param 'end': strconv.ParseInt: parsing "1.5": invalid syntax`,
    );
    expect(await msg('raw=maybe')).toBe(
      `unable to parse param 'raw': strconv.ParseBool: parsing "maybe": invalid syntax`,
    );
    expect((await archive('1?start=1&end=2&raw=true')).status).toBe(200);
  });
});

describe('POST /api/archive without archive storage', () => {
  let listener: Listener;
  beforeAll(async () => {
    const store = createMemoryStore({ maxTraces: 10 });
    const router = createQueryRouter({ store });
    // The query port's dispatch, reduced to what these routes need.
    listener = await listenHttp(
      'query',
      '127.0.0.1',
      0,
      async (req, res) => {
        const url = new URL(req.url ?? '/', 'http://localhost');
        const match = router.match(req.method ?? 'GET', url.pathname);
        if (!match) return sendNotFound(res);
        try {
          await match.handler({
            req,
            res,
            params: match.params,
            query: url.searchParams,
            path: url.pathname,
          });
        } catch (err) {
          if (err instanceof HttpError) sendJaegerError(res, err.status, err.message);
          else throw err;
        }
      },
      () => {},
    );
  });
  afterAll(() => listener.close());

  it('answers 500 archive span storage was not configured', async () => {
    const res = await fetch(`${listener.url}/api/archive/1`, { method: 'POST' });
    expect(res.status).toBe(500);
    expect(await res.text()).toBe(v1ErrorBody(500, 'archive span storage was not configured'));
  });
});

describe('POST /api/transform', () => {
  let app: RunningAllInOne;
  let small: RunningAllInOne;
  const transform = (body: string | Buffer, headers: Record<string, string> = {}, target = () => app) =>
    fetch(`${target().urls.query}/api/transform`, { method: 'POST', body, headers });

  beforeAll(async () => {
    app = await startTestServer();
    small = await startTestServer({ maxRequestBytes: 100 });
  });
  afterAll(async () => {
    await app.close();
    await small.close();
  });

  it('reproduces Jaeger’s golden output for its golden input, and stores nothing', async () => {
    const res = await transform(fixture('otlp2jaeger-in.json'), { 'Content-Type': 'application/json' });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual(JSON.parse(fixture('otlp2jaeger-out.json')));
    expect(app.store.stats().traces).toBe(0);
  });

  it('groups spans by trace in first-seen order, without adjusters, and accepts gzip', async () => {
    const a = otlpJsonRequest(hex(0xa), NOW_NS);
    const b = otlpJsonRequest(hex(0xb), NOW_NS);
    const body = { resourceSpans: [b.resourceSpans[1], a.resourceSpans[0], b.resourceSpans[0]] };
    const res = await transform(gzipSync(JSON.stringify(body)), { 'Content-Encoding': 'gzip' });
    const data = (await json(res)).data;
    expect(data.map((t: { traceID: string }) => t.traceID)).toEqual(['000000000000000b', '000000000000000a']);
    expect(data[0].spans.map((s: { operationName: string }) => s.operationName)).toEqual([
      'FindNearest',
      'HTTP GET /dispatch',
    ]);
    // Adjusted, the orphaned driver span of trace a would carry a clock-skew warning.
    expect(data[1].spans[0].warnings).toBeNull();
  });

  it('refuses bodies that are not OTLP/JSON with cannot unmarshal OTLP', async () => {
    const msg = async (body: string) => {
      const res = await transform(body);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      return (await json(res)).errors[0].msg as string;
    };
    expect(await msg('not json')).toMatch(/^cannot unmarshal OTLP : /);
    expect(await msg('')).toMatch(/^cannot unmarshal OTLP : /);
    expect(await msg('{"resourceSpans":"x"}')).toBe(
      'cannot unmarshal OTLP : resourceSpans: expected an array, got "x"',
    );
  });

  it('refuses a body over the configured request limit', async () => {
    const res = await transform(fixture('otlp2jaeger-in.json'), {}, () => small);
    expect(res.status).toBe(413);
    expect((await json(res)).errors[0].msg).toMatch(/exceeds the limit of 100 bytes$/);
  });
});

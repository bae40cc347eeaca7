import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAllInOne } from '../allInOne';
import { otlpJsonRequest, startTestServer } from '../testing/testServer';

let app: RunningAllInOne;
const json = async (res: Response): Promise<any> => res.json();
const NOW_NS = BigInt(Date.now()) * 1_000_000n;

beforeAll(async () => {
  app = await startTestServer();
  for (const [i, id] of ['00000000000000000000000000000001', 'f0000000000000000000000000000002'].entries()) {
    const res = await fetch(`${app.urls.otlpHttp}/v1/traces`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(otlpJsonRequest(id, NOW_NS - BigInt(60 - i) * 1_000_000_000n)),
    });
    expect(res.status).toBe(200);
  }
});
afterAll(() => app.close());

const get = (path: string) => fetch(`${app.urls.query}${path}`);

describe('GET /api/services', () => {
  it('answers the Jaeger envelope with every key', async () => {
    const res = await get('/api/services');
    expect(res.headers.get('content-type')).toBe('application/json');
    const body = await json(res);
    expect(body.data.sort()).toEqual(['driver', 'frontend']);
    expect(body).toMatchObject({ total: 2, limit: 0, offset: 0, errors: null });
  });
});

describe('GET /api/traces/{id}', () => {
  it('renders a trace whose high bits are zero with a 16-digit ID and accepts short, padded and upper-case IDs', async () => {
    for (const id of ['1', '0000000000000001', '00000000000000000000000000000001']) {
      const body = await json(await get(`/api/traces/${id}`));
      expect(body.data[0].traceID).toBe('0000000000000001');
    }
    const upper = await json(await get('/api/traces/F0000000000000000000000000000002'));
    expect(upper.data[0].traceID).toBe('f0000000000000000000000000000002');
  });

  it('accepts a base64 trace ID', async () => {
    const b64 = Buffer.from('f0000000000000000000000000000002', 'hex').toString('base64');
    expect((await get(`/api/traces/${encodeURIComponent(b64)}`)).status).toBe(200);
  });

  it('answers 404 with Jaeger’s exact error body', async () => {
    const res = await get('/api/traces/abcdef');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await res.text()).toBe(
      '{"data":null,"total":0,"limit":0,"offset":0,"errors":[{"code":404,"msg":"trace not found"}]}\n',
    );
  });

  it('answers 400 for an ID that is neither hex nor base64, and for a bad raw flag', async () => {
    expect((await get('/api/traces/not-a-trace-id!')).status).toBe(400);
    const raw = await get('/api/traces/1?raw=maybe');
    expect(raw.status).toBe(400);
    expect((await json(raw)).errors[0].msg).toBe(
      `unable to parse param 'raw': strconv.ParseBool: parsing "maybe": invalid syntax`,
    );
  });

  it('sorts attributes and adds clock-skew warnings unless raw=true', async () => {
    const adjusted = (await json(await get('/api/traces/1'))).data[0];
    const root = adjusted.spans.find((s: { spanID: string }) => s.spanID === 'eee19b7ec3c1b174');
    const keys = root.tags.map((t: { key: string }) => t.key);
    expect(keys).toEqual([
      'otel.scope.name',
      'otel.scope.version',
      'http.method',
      'http.status_code',
      'span.kind',
    ]);
    const raw = (await json(await get('/api/traces/1?raw=true'))).data[0];
    expect(raw.spans.every((s: { warnings: unknown }) => s.warnings === null)).toBe(true);
  });

  it('indents with four spaces when prettyPrint is set', async () => {
    const text = await (await get('/api/traces/1?prettyPrint=true')).text();
    expect(text).toMatch(/^\{\n {4}"data"/);
  });
});

describe('GET /api/traces (search)', () => {
  it('requires a service', async () => {
    const res = await get('/api/traces');
    expect(res.status).toBe(400);
    expect(await res.text()).toBe(
      `{"data":null,"total":0,"limit":0,"offset":0,"errors":[{"code":400,"msg":"parameter 'service' is required"}]}\n`,
    );
  });

  it('finds traces of a service, newest first, whole', async () => {
    const body = await json(await get('/api/traces?service=driver&limit=20'));
    expect(body.data.map((t: { traceID: string }) => t.traceID)).toEqual([
      'f0000000000000000000000000000002',
      '0000000000000001',
    ]);
    expect(body.data[0].spans).toHaveLength(2);
  });

  it('filters by tag, tags JSON, operation and duration', async () => {
    const count = async (q: string) =>
      (await json(await get(`/api/traces?service=frontend&${q}`))).data.length;
    expect(await count('tag=http.method:GET')).toBe(2);
    expect(await count('tag=http.method:POST')).toBe(0);
    expect(await count(`tags=${encodeURIComponent('{"http.status_code":"200"}')}`)).toBe(2);
    expect(await count('operation=HTTP%20GET%20%2Fdispatch&minDuration=100ms')).toBe(2);
    expect(await count('minDuration=101ms')).toBe(0);
    expect(await count('limit=1')).toBe(1);
  });

  it('explains malformed parameters', async () => {
    const msg = async (q: string) =>
      (await json(await get(`/api/traces?service=frontend&${q}`))).errors[0].msg;
    expect(await msg('tag=nocolon')).toBe(
      "malformed 'tag' parameter, expecting key:value, received: nocolon",
    );
    expect(await msg('minDuration=abc')).toBe(
      `unable to parse param 'minDuration': time: invalid duration "abc"`,
    );
    expect(await msg('minDuration=2s&maxDuration=1s')).toBe(
      "'maxDuration' should be greater than 'minDuration'",
    );
    expect(await msg('tags=%7B%22a%22%3A1%7D')).toMatch(/^malformed 'tags' parameter, cannot unmarshal JSON/);
    expect(await msg('start=yesterday')).toMatch(/^unable to parse param 'start': strconv.ParseInt/);
  });

  it('answers 500 for a limit the store cannot honour, as Jaeger does', async () => {
    const res = await get('/api/traces?service=frontend&limit=0');
    expect(res.status).toBe(500);
    expect((await json(res)).errors[0].msg).toBe(
      'search depth must be greater than 0 and less than max traces',
    );
  });

  it('multi-gets by traceID and lists the missing ones in errors', async () => {
    const body = await json(await get('/api/traces?traceID=1&traceID=abc'));
    expect(body.data).toHaveLength(1);
    expect(body.errors).toEqual([{ msg: 'trace not found', traceID: '0000000000000abc' }]);
  });
});

describe('operations and dependencies', () => {
  it('lists operations with their kinds, and the legacy form as names', async () => {
    const ops = await json(await get('/api/operations?service=driver'));
    expect(ops.data).toEqual([{ name: 'FindNearest', spanKind: 'server' }]);
    expect((await get('/api/operations')).status).toBe(400);
    const legacy = await json(await get('/api/services/driver/operations'));
    expect(legacy.data).toEqual(['FindNearest']);
    const none = await json(await get('/api/services/nobody/operations'));
    expect(none).toMatchObject({ data: null, total: 0 });
  });

  it('computes service dependencies from stored spans', async () => {
    const body = await json(await get(`/api/dependencies?endTs=${Date.now()}&lookback=3600000`));
    expect(body.data).toEqual([{ parent: 'frontend', child: 'driver', callCount: 2 }]);
    const filtered = await json(
      await get(`/api/dependencies?endTs=${Date.now()}&lookback=3600000&service=nobody`),
    );
    expect(filtered.data).toEqual([]);
    // Two days reach past what the live aggregator retains: the store answers, identically.
    const long = await json(await get(`/api/dependencies?endTs=${Date.now()}&lookback=172800000`));
    expect(long.data).toEqual(body.data);
  });
});

describe('routing', () => {
  it('answers unknown API paths and wrong methods with a plain 404', async () => {
    const res = await get('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(await res.text()).toBe('404 page not found\n');
    expect((await fetch(`${app.urls.query}/api/traces`, { method: 'POST' })).status).toBe(404);
  });

  it('serves index.html (or the not-built page) for SPA routes and reports health', async () => {
    const page = await get('/trace/abc');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect((await json(await get('/health'))).status).toBe('ready');
  });
});

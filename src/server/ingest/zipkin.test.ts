import { deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningAllInOne } from '../allInOne';
import { startTestServer } from '../testing/testServer';

let app: RunningAllInOne;
const json = async (r: Response): Promise<any> => r.json();
beforeAll(async () => {
  app = await startTestServer({ maxRequestBytes: 64 * 1024 });
});
afterAll(() => app.close());

const post = (body: string | Uint8Array, headers: Record<string, string> = {}, path = '/api/v2/spans') =>
  fetch(`${app.urls.zipkin}${path}`, {
    method: 'POST',
    body,
    headers: { 'Content-Type': 'application/json', ...headers },
  });

async function getTrace(id: string, raw = false) {
  const res = await fetch(`${app.urls.query}/api/traces/${id}${raw ? '?raw=true' : ''}`);
  return { status: res.status, body: await json(res) };
}

/**
 * What Brave reports for `frontend` calling `backend`: the client span and the server span
 * share one span ID (the server half marked `shared`), plus a local span under the server.
 */
const t0 = 1_700_000_000_000_000;

function checkout(traceId: string) {
  return [
    {
      traceId,
      id: 'a000000000000001',
      kind: 'SERVER',
      name: 'get /checkout',
      timestamp: t0,
      duration: 50_000,
      localEndpoint: { serviceName: 'zk-frontend', ipv4: '10.0.0.1', port: 8080 },
      tags: { 'http.method': 'GET', 'http.path': '/checkout' },
    },
    {
      traceId,
      parentId: 'a000000000000001',
      id: 'a000000000000002',
      kind: 'CLIENT',
      name: 'post /charge',
      timestamp: t0 + 1_000,
      duration: 40_000,
      localEndpoint: { serviceName: 'zk-frontend', ipv4: '10.0.0.1' },
      remoteEndpoint: { serviceName: 'zk-backend', ipv4: '10.0.0.2', port: 9000 },
      tags: { 'http.status_code': '503', error: 'Service Unavailable' },
      annotations: [{ timestamp: t0 + 1_500, value: 'wire send' }],
    },
    {
      traceId,
      parentId: 'a000000000000001',
      id: 'a000000000000002',
      kind: 'SERVER',
      shared: true,
      name: 'post /charge',
      timestamp: t0 + 2_000,
      duration: 35_000,
      localEndpoint: { serviceName: 'zk-backend', ipv4: '10.0.0.2', port: 9000 },
      tags: { error: 'true', 'db.instance': 'payments' },
    },
    {
      traceId,
      parentId: 'a000000000000002',
      id: 'a000000000000003',
      name: 'validate card',
      timestamp: t0 + 3_000,
      duration: 5_000,
      localEndpoint: { serviceName: 'zk-backend' },
      debug: true,
    },
  ];
}

const minimal = (traceId: string) =>
  JSON.stringify([{ traceId, id: 'b000000000000001', name: 'op', timestamp: t0, duration: 1_000 }]);

describe('Zipkin receiver', () => {
  it('accepts a Zipkin v2 batch with 202 and stores it as Jaeger shows Zipkin data', async () => {
    const res = await post(JSON.stringify(checkout('0000000000000e01')));
    expect(res.status).toBe(202);
    expect(await res.text()).toBe('');

    const { status, body } = await getTrace('e01', true);
    expect(status).toBe(200);
    const t = body.data[0];
    expect(t.traceID).toBe('0000000000000e01');
    const services = Object.values(t.processes).map((p: any) => p.serviceName);
    expect(services.sort()).toEqual(['zk-backend', 'zk-frontend']);
    const service = (s: any) => t.processes[s.processID].serviceName;
    const kind = (s: any) => s.tags.find((x: any) => x.key === 'span.kind')?.value;
    const spans = t.spans.map((s: any) => `${service(s)} ${kind(s)} ${s.operationName} ${s.spanID}`);
    expect(spans.sort()).toEqual([
      'zk-backend server post /charge a000000000000002',
      'zk-backend undefined validate card a000000000000003',
      'zk-frontend client post /charge a000000000000002',
      'zk-frontend server get /checkout a000000000000001',
    ]);

    const client = t.spans.find((s: any) => kind(s) === 'client');
    expect(client.startTime).toBe(1_700_000_000_001_000);
    expect(client.duration).toBe(40_000);
    expect(client.references).toEqual([
      { refType: 'CHILD_OF', traceID: '0000000000000e01', spanID: 'a000000000000001' },
    ]);
    expect(client.tags).toEqual(
      expect.arrayContaining([
        { key: 'http.status_code', type: 'string', value: '503' },
        { key: 'error', type: 'bool', value: true },
        { key: 'otel.status_code', type: 'string', value: 'ERROR' },
        { key: 'service.peer.name', type: 'string', value: 'zk-backend' },
        { key: 'network.peer.address', type: 'string', value: '10.0.0.2' },
        { key: 'net.peer.port', type: 'int64', value: 9000 },
        { key: 'network.local.address', type: 'string', value: '10.0.0.1' },
      ]),
    );
    // Zipkin's error message stays readable next to the error flag.
    expect(client.tags.filter((x: any) => x.key === 'error')).toHaveLength(2);
    expect(client.logs).toEqual([
      { timestamp: 1_700_000_000_001_500, fields: [{ key: 'event', type: 'string', value: 'wire send' }] },
    ]);

    const server = t.spans.find((s: any) => kind(s) === 'server' && s.operationName === 'post /charge');
    expect(server.tags).toEqual(
      expect.arrayContaining([
        { key: 'db.instance', type: 'string', value: 'payments' },
        { key: 'error', type: 'bool', value: true },
        { key: 'net.host.port', type: 'int64', value: 9000 },
      ]),
    );
  });

  it('shows the shared-ID pair in the adjusted view with both halves intact', async () => {
    await post(JSON.stringify(checkout('0000000000000e02')));
    const { body } = await getTrace('e02');
    const t = body.data[0];
    expect(t.spans).toHaveLength(4);
    const charge = t.spans.filter((s: any) => s.operationName === 'post /charge');
    expect(charge.map((s: any) => t.processes[s.processID].serviceName).sort()).toEqual([
      'zk-backend',
      'zk-frontend',
    ]);
  });

  it('accepts gzip and deflate bodies and any non-v1 path, as the collector does', async () => {
    const gz = await post(gzipSync(minimal('0000000000000e03')), { 'Content-Encoding': 'gzip' });
    const zl = await post(deflateSync(minimal('0000000000000e04')), { 'Content-Encoding': 'deflate' }, '/');
    expect([gz.status, zl.status]).toEqual([202, 202]);
    expect((await getTrace('e03')).status).toBe(200);
    expect((await getTrace('e04')).status).toBe(200);
  });

  it('answers 400 in plain text naming the bad field', async () => {
    const cases: [string, RegExp][] = [
      ['[{"traceId":', /^invalid JSON/],
      ['{"traceId":"0000000000000001"}', /expected a JSON array of Zipkin v2 spans/],
      ['[{"traceId":"xyz","id":"b000000000000001"}]', /^spans\[0\]\.traceId: expected 16 or 32 hex digits/],
      [
        '[{"traceId":"0000000000000e05","id":"b0001"}]',
        /^spans\[0\]\.id: expected 16 hex digits, got "b0001"/,
      ],
      ['[{"traceId":"0000000000000e05","id":"b000000000000001","timestamp":-5}]', /^spans\[0\]\.timestamp/],
      ['[{"traceId":"0000000000000e05","id":"b000000000000001","duration":"10"}]', /^spans\[0\]\.duration/],
    ];
    for (const [body, message] of cases) {
      const res = await post(body);
      expect(res.status, body).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await res.text()).toMatch(message);
    }
    expect((await getTrace('e05')).status).toBe(404);
  });

  it('refuses other media types, Zipkin v1, protobuf and other methods with a clear message', async () => {
    const form = await post(minimal('0000000000000e06'), {
      'Content-Type': 'application/x-www-form-urlencoded',
    });
    expect(form.status).toBe(415);
    expect(await form.text()).toMatch(/supported: \[application\/json\]/);
    const proto = await post(new Uint8Array([10, 0]), { 'Content-Type': 'application/x-protobuf' });
    expect(proto.status).toBe(415);
    expect(await proto.text()).toMatch(/Zipkin protobuf .* is not supported/);
    const v1 = await post('[]', {}, '/api/v1/spans');
    expect(v1.status).toBe(400);
    expect(await v1.text()).toMatch(/Zipkin v1 .* is not supported/);
    expect((await fetch(`${app.urls.zipkin}/api/v2/spans`)).status).toBe(405);
    expect((await getTrace('e06')).status).toBe(404);
  });

  it('refuses oversized bodies with 413, also when compressed', async () => {
    const huge = JSON.stringify([
      { traceId: '0000000000000e07', id: 'b000000000000001', name: 'x'.repeat(70_000) },
    ]);
    expect((await post(huge)).status).toBe(413);
    const bomb = gzipSync(huge);
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect((await post(bomb, { 'Content-Encoding': 'gzip' })).status).toBe(413);
    expect((await getTrace('e07')).status).toBe(404);
  });

  it('keeps good batches sent around a bad one', async () => {
    const first = await post(minimal('0000000000000e08'));
    const bad = await post(
      JSON.stringify([
        { traceId: '0000000000000e09', id: 'b000000000000001' },
        { traceId: '0000000000000e09', id: 'not-hex-at-all!!' },
      ]),
    );
    const second = await post(minimal('0000000000000e0a'));
    expect([first.status, bad.status, second.status]).toEqual([202, 400, 202]);
    expect((await getTrace('e08')).status).toBe(200);
    expect((await getTrace('e0a')).status).toBe(200);
    // A batch is all or nothing: the valid span of the bad batch was not stored either.
    expect((await getTrace('e09')).status).toBe(404);
  });

  it('stores the spans the limits admit and says in the 202 which were refused', async () => {
    const res = await post(
      JSON.stringify([
        { traceId: '0000000000000e0c', id: 'b000000000000001', name: 'kept', timestamp: t0, duration: 5 },
        // Zipkin lets a span go without a timestamp; it would start in 1970, so it is refused.
        { traceId: '0000000000000e0c', id: 'b000000000000002', name: 'no start' },
      ]),
    );
    expect(res.status).toBe(202);
    expect(await res.text()).toBe(
      'accepted 1 of 2 spans; 1 span refused: start time before 2000-01-01T00:00:00Z (e.g. span b000000000000002 starting 1970-01-01T00:00:00Z)\n',
    );
    const { body } = await getTrace('e0c');
    expect(body.data[0].spans.map((s: any) => s.operationName)).toEqual(['kept']);
  });

  it('answers 500 when the store fails', async () => {
    const spy = vi.spyOn(app.pipeline, 'accept').mockRejectedValueOnce(new Error('disk full'));
    try {
      const res = await post(minimal('0000000000000e0b'));
      expect(res.status).toBe(500);
    } finally {
      spy.mockRestore();
    }
  });
});

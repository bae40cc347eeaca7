import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAllInOne } from '../allInOne';
import { otlpJsonRequest, startTestServer } from '../testing/testServer';
import { ExportTraceServiceRequest, otlpRoot } from './otlpProto';

let app: RunningAllInOne;
const json = async (res: Response): Promise<any> => res.json();
beforeAll(async () => {
  app = await startTestServer({ maxRequestBytes: 64 * 1024 });
});
afterAll(() => app.close());

const post = (body: string | Uint8Array, headers: Record<string, string>) =>
  fetch(`${app.urls.otlpHttp}/v1/traces`, { method: 'POST', body, headers });

function protobufRequest(traceIdHex: string): Uint8Array {
  const b64 = (hex: string) => Buffer.from(hex, 'hex').toString('base64');
  const message = ExportTraceServiceRequest.fromObject({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'proto-svc' } }] },
        scopeSpans: [
          {
            spans: [
              {
                traceId: b64(traceIdHex),
                spanId: b64('1111111111111111'),
                name: 'proto-op',
                kind: 3,
                startTimeUnixNano: '1700000000123456789',
                endTimeUnixNano: '1700000000223456789',
                attributes: [
                  { key: 'big', value: { intValue: '-9223372036854775808' } },
                  { key: 'ratio', value: { doubleValue: 0.25 } },
                ],
              },
            ],
          },
        ],
      },
    ],
  });
  return ExportTraceServiceRequest.encode(message).finish();
}

async function getTrace(id: string) {
  const res = await fetch(`${app.urls.query}/api/traces/${id}`);
  return { status: res.status, body: await json(res) };
}

describe('OTLP/HTTP receiver', () => {
  it('accepts JSON and answers {} with the JSON content type', async () => {
    const res = await post(JSON.stringify(otlpJsonRequest('00000000000000000000000000000a01')), {
      'Content-Type': 'application/json',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.text()).toBe('{}');
    const { body } = await getTrace('a01');
    expect(body.data[0].spans.map((s: { operationName: string }) => s.operationName).sort()).toEqual([
      'FindNearest',
      'HTTP GET /dispatch',
    ]);
  });

  it('accepts protobuf and keeps 64-bit values exact', async () => {
    const res = await post(protobufRequest('0000000000000000000000000000ab02'), {
      'Content-Type': 'application/x-protobuf',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-protobuf');
    const { body } = await getTrace('ab02');
    const span = body.data[0].spans[0];
    expect(span.startTime).toBe(1700000000123456);
    expect(span.duration).toBe(100000);
    expect(span.tags).toContainEqual({ key: 'big', type: 'int64', value: '-9223372036854775808' });
    expect(span.tags).toContainEqual({ key: 'span.kind', type: 'string', value: 'client' });
    expect(body.data[0].processes.p1.serviceName).toBe('proto-svc');
  });

  it('accepts gzip bodies', async () => {
    const gz = gzipSync(JSON.stringify(otlpJsonRequest('00000000000000000000000000000a03')));
    const res = await post(gz, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect((await getTrace('a03')).status).toBe(200);
  });

  it('answers 415 for other media types and 405 for other methods', async () => {
    const res = await post('x', { 'Content-Type': 'text/plain' });
    expect(res.status).toBe(415);
    expect(await res.text()).toBe(
      '415 unsupported media type, supported: [application/json, application/x-protobuf]\n',
    );
    const get = await fetch(`${app.urls.otlpHttp}/v1/traces`);
    expect(get.status).toBe(405);
  });

  it('answers 400 with a google.rpc.Status naming the bad field', async () => {
    const bad = otlpJsonRequest('00000000000000000000000000000a04');
    bad.resourceSpans[0].scopeSpans[0].spans[0].spanId = 'xyz';
    const res = await post(JSON.stringify(bad), { 'Content-Type': 'application/json' });
    expect(res.status).toBe(400);
    const status = await json(res);
    expect(status.code).toBe(3);
    expect(status.message).toContain(
      'resourceSpans[0].scopeSpans[0].spans[0].spanId: expected 16 hex digits',
    );

    const malformed = await post('{"resourceSpans": [', { 'Content-Type': 'application/json' });
    expect(malformed.status).toBe(400);
    expect((await json(malformed)).message).toMatch(/^invalid JSON/);
  });

  it('answers 400 in protobuf for a malformed protobuf body', async () => {
    const res = await post(new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]), {
      'Content-Type': 'application/x-protobuf',
    });
    expect(res.status).toBe(400);
    const status = otlpRoot
      .lookupType('google.rpc.Status')
      .decode(new Uint8Array(await res.arrayBuffer())) as unknown as { code: number; message: string };
    expect(status.code).toBe(3);
    expect(status.message).toMatch(/invalid protobuf/);
  });

  it('refuses oversized bodies with 413, also when they are compressed', async () => {
    const huge = JSON.stringify({ resourceSpans: [], pad: 'x'.repeat(200 * 1024) });
    expect((await post(huge, { 'Content-Type': 'application/json' })).status).toBe(413);
    const bomb = gzipSync(huge);
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(
      (await post(bomb, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' })).status,
    ).toBe(413);
  });

  it('refuses nested attribute values deeper than the limit', async () => {
    let value: Record<string, unknown> = { stringValue: 'leaf' };
    for (let i = 0; i < 40; i++) value = { arrayValue: { values: [value] } };
    const req = otlpJsonRequest('00000000000000000000000000000a05');
    (req.resourceSpans[0].scopeSpans[0].spans[0] as { attributes: unknown[] }).attributes.push({
      key: 'deep',
      value,
    });
    const res = await post(JSON.stringify(req), { 'Content-Type': 'application/json' });
    expect(res.status).toBe(400);
    expect((await json(res)).message).toMatch(/nested deeper than 32 levels/);
  });

  it('keeps good batches sent around a bad one', async () => {
    const first = await post(JSON.stringify(otlpJsonRequest('00000000000000000000000000000b01')), {
      'Content-Type': 'application/json',
    });
    const bad = await post('{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"zz"}]}]}]}', {
      'Content-Type': 'application/json',
    });
    const second = await post(protobufRequest('00000000000000000000000000000b02'), {
      'Content-Type': 'application/x-protobuf',
    });
    expect([first.status, bad.status, second.status]).toEqual([200, 400, 200]);
    expect((await getTrace('b01')).status).toBe(200);
    expect((await getTrace('b02')).status).toBe(200);
  });

  it('sanitizes empty names and non-positive durations with a warning', async () => {
    const req = otlpJsonRequest('00000000000000000000000000000c01');
    const span = req.resourceSpans[0].scopeSpans[0].spans[0];
    span.name = '';
    span.endTimeUnixNano = span.startTimeUnixNano;
    await post(JSON.stringify(req), { 'Content-Type': 'application/json' });
    const { body } = await getTrace('c01');
    const root = body.data[0].spans.find((s: { spanID: string }) => s.spanID === 'eee19b7ec3c1b174');
    expect(root.operationName).toBe('empty-span-name');
    expect(root.duration).toBe(0);
    expect(root.warnings[0]).toMatch(/^Negative duration detected, sanitizing end timestamp/);
  });
});

import { describe, expect, it } from 'vitest';
import { DecodeError } from '../model/decodeError';
import { SpanKind, StatusCode } from '../model/trace';
import { spansFromZipkinV2, START_TIME_ABSENT } from './fromZipkinV2';

/** A client span and the server span that shares its ID, as Brave reports an RPC. */
function rpcBatch(): Record<string, unknown>[] {
  return [
    {
      traceId: '463ac35c9f6413ad',
      parentId: '463ac35c9f6413ad',
      id: '72485a3953bb6124',
      kind: 'CLIENT',
      name: 'get /users',
      timestamp: 1700000000123456,
      duration: 20000,
      localEndpoint: { serviceName: 'frontend', ipv4: '10.0.0.1', port: 8080 },
      remoteEndpoint: { serviceName: 'backend', ipv6: '2001:DB8::1', port: 9000 },
      tags: {
        'http.method': 'GET',
        'http.status_code': '500',
        error: 'upstream failed',
        'host.name': 'web-1',
      },
      annotations: [{ timestamp: 1700000000124000, value: 'wire send' }],
    },
    {
      traceId: '463ac35c9f6413ad',
      parentId: '463ac35c9f6413ad',
      id: '72485a3953bb6124',
      kind: 'server',
      shared: true,
      name: 'get /users',
      timestamp: 1700000000125000,
      duration: 15000,
      localEndpoint: { serviceName: 'backend' },
      tags: { error: 'true', 'otel.library.name': 'brave', 'otel.library.version': '6.0' },
    },
  ];
}

function decodeError(body: unknown): DecodeError {
  try {
    spansFromZipkinV2(body);
  } catch (err) {
    if (err instanceof DecodeError) return err;
    throw err;
  }
  throw new Error('expected a DecodeError');
}

describe('spansFromZipkinV2', () => {
  it('converts a client/server pair as the collector does', () => {
    const [client, server] = spansFromZipkinV2(rpcBatch());
    expect(client.traceId).toBe('0000000000000000463ac35c9f6413ad');
    expect(client.spanId).toBe('72485a3953bb6124');
    expect(client.parentSpanId).toBe('463ac35c9f6413ad');
    expect(client.kind).toBe(SpanKind.Client);
    expect(client.startTimeUnixNano).toBe(1700000000123456000n);
    expect(client.endTimeUnixNano).toBe(1700000000143456000n);
    expect(client.resource.serviceName).toBe('frontend');
    expect(client.resource.attributes).toEqual([
      { key: 'service.name', type: 'string', value: 'frontend' },
      { key: 'host.name', type: 'string', value: 'web-1' },
    ]);
    expect(client.attributes).toEqual([
      { key: 'http.method', type: 'string', value: 'GET' },
      { key: 'http.status_code', type: 'string', value: '500' },
      { key: 'error', type: 'string', value: 'upstream failed' },
      { key: 'network.local.address', type: 'string', value: '10.0.0.1' },
      { key: 'net.host.port', type: 'int64', value: 8080n },
      { key: 'service.peer.name', type: 'string', value: 'backend' },
      { key: 'network.peer.address', type: 'string', value: '2001:db8::1' },
      { key: 'net.peer.port', type: 'int64', value: 9000n },
    ]);
    expect(client.status).toEqual({ code: StatusCode.Error, message: '' });
    expect(client.events).toEqual([
      { timeUnixNano: 1700000000124000000n, name: 'wire send', attributes: [] },
    ]);

    expect(server.spanId).toBe(client.spanId);
    expect(server.kind).toBe(SpanKind.Server);
    expect(server.resource.serviceName).toBe('backend');
    expect(server.scope).toEqual({ name: 'brave', version: '6.0', attributes: [] });
    // error=true becomes the status and is dropped; the scope tags are not attributes.
    expect(server.attributes).toEqual([]);
    expect(server.status.code).toBe(StatusCode.Error);
  });

  it('keeps 128-bit IDs, drops a self-parent and shares resources within a batch', () => {
    const spans = spansFromZipkinV2([
      { traceId: '5AF7183FB1D4CF5F463AC35C9F6413AD', id: '0000000000000001', parentId: '0000000000000001' },
      { traceId: '5af7183fb1d4cf5f463ac35c9f6413ad', id: '0000000000000002', parentId: '0000000000000000' },
      null,
    ]);
    expect(spans).toHaveLength(2);
    expect(spans[0].traceId).toBe('5af7183fb1d4cf5f463ac35c9f6413ad');
    expect(spans[0].parentSpanId).toBe('');
    expect(spans[1].parentSpanId).toBe('');
    expect(spans[0].resource).toBe(spans[1].resource);
    expect(spans[0].resource.serviceName).toBe('missing-service-name');
  });

  it('starts spans without a timestamp at the epoch and marks them', () => {
    const [span] = spansFromZipkinV2([{ traceId: '0000000000000001', id: '0000000000000001', duration: 5 }]);
    expect(span.startTimeUnixNano).toBe(0n);
    expect(span.endTimeUnixNano).toBe(5000n);
    expect(span.attributes).toContainEqual({ key: START_TIME_ABSENT, type: 'bool', value: true });
  });

  it('takes tag values that name inherited object properties for unknown values', () => {
    const [span] = spansFromZipkinV2([
      {
        traceId: '0000000000000001',
        id: '0000000000000002',
        kind: 'CONSTRUCTOR',
        tags: { 'otel.status_code': 'toString', 'span.kind': 'valueOf' },
      },
    ]);
    expect(span.status.code).toBe(StatusCode.Unset);
    expect(span.kind).toBe(SpanKind.Unspecified);
  });

  it('reads what the collector’s Zipkin exporter writes for OTLP-only fields', () => {
    const [span] = spansFromZipkinV2([
      {
        traceId: '0000000000000001',
        id: '0000000000000002',
        tags: {
          'otel.status_code': 'STATUS_CODE_ERROR',
          'otel.status_description': 'boom',
          'w3c.tracestate': 'k=v',
          'span.kind': 'internal',
          'otlp.link.0': '5af7183fb1d4cf5f463ac35c9f6413ad|0000000000000003||{"n":2,"s":"x"}|0',
        },
        annotations: [
          { timestamp: 1, value: 'retry|{"attempt":2,"ok":false}|0' },
          { timestamp: 2, value: 'a|b|c' },
        ],
      },
    ]);
    expect(span.status).toEqual({ code: StatusCode.Error, message: 'boom' });
    expect(span.traceState).toBe('k=v');
    expect(span.kind).toBe(SpanKind.Internal);
    expect(span.links).toEqual([
      {
        traceId: '5af7183fb1d4cf5f463ac35c9f6413ad',
        spanId: '0000000000000003',
        traceState: '',
        attributes: [
          { key: 'n', type: 'int64', value: 2n },
          { key: 's', type: 'string', value: 'x' },
        ],
      },
    ]);
    expect(span.attributes.filter((a) => a.key !== START_TIME_ABSENT)).toEqual([]);
    expect(span.events[0]).toEqual({
      timeUnixNano: 1000n,
      name: 'retry',
      attributes: [
        { key: 'attempt', type: 'int64', value: 2n },
        { key: 'ok', type: 'bool', value: false },
      ],
    });
    expect(span.events[1].name).toBe('a|b|c');
  });

  it.each([
    [{}, '', /expected a JSON array/],
    [[{ id: '0000000000000001' }], 'spans[0].traceId', /is required/],
    [[{ traceId: 'abc', id: '0000000000000001' }], 'spans[0].traceId', /16 or 32 hex digits, got "abc"/],
    [[{ traceId: '0000000000000000', id: '0000000000000001' }], 'spans[0].traceId', /all zeros/],
    [[{ traceId: '0000000000000001', id: '12345' }], 'spans[0].id', /expected 16 hex digits/],
    [[{ traceId: '0000000000000001', id: '000000000000000g' }], 'spans[0].id', /16 hex digits/],
    [[{ traceId: '1', id: '1' }], 'spans[0].traceId', /16 or 32/],
    [[{ traceId: '0000000000000001', id: '0000000000000001', parentId: 'x' }], 'spans[0].parentId', /16 hex/],
    [[{ traceId: '0000000000000001', id: '0000000000000001', timestamp: -1 }], 'spans[0].timestamp', /≥ 0/],
    [[{ traceId: '0000000000000001', id: '0000000000000001', duration: 1.5 }], 'spans[0].duration', /whole/],
    [
      [{ traceId: '0000000000000001', id: '0000000000000001', timestamp: '1' }],
      'spans[0].timestamp',
      /got "1"/,
    ],
    [[{ traceId: '0000000000000001', id: '0000000000000001', tags: { n: 1 } }], 'spans[0].tags.n', /string/],
    [
      [{ traceId: '0000000000000001', id: '0000000000000001', shared: 'yes' }],
      'spans[0].shared',
      /true or false/,
    ],
    [
      [{ traceId: '0000000000000001', id: '0000000000000001', localEndpoint: { ipv4: '300.1.1.1' } }],
      'spans[0].localEndpoint.ipv4',
      /IP address/,
    ],
    [
      [{ traceId: '0000000000000001', id: '0000000000000001', remoteEndpoint: { port: 70000 } }],
      'spans[0].remoteEndpoint.port',
      /0–65535/,
    ],
    [
      [{ traceId: '0000000000000001', id: '0000000000000001', annotations: [{ value: 'x' }] }],
      'spans[0].annotations[0].timestamp',
      /is required/,
    ],
  ])('refuses %j at %s', (body, path, message) => {
    const err = decodeError(body);
    expect(err.path).toBe(path);
    expect(err.message).toMatch(message);
  });

  it('accepts IPv6 forms Go accepts', () => {
    for (const ip of ['::1', '::ffff:10.0.0.1', 'fe80::1:2:3:4', '1:2:3:4:5:6:7:8']) {
      const [span] = spansFromZipkinV2([
        { traceId: '0000000000000001', id: '0000000000000001', remoteEndpoint: { ipv6: ip } },
      ]);
      expect(span.attributes).toContainEqual({ key: 'network.peer.address', type: 'string', value: ip });
    }
    for (const ip of ['1:2:3:4:5:6:7:8:9', '1::2::3', 'zz::1']) {
      expect(
        decodeError([{ traceId: '0000000000000001', id: '0000000000000001', remoteEndpoint: { ipv6: ip } }])
          .path,
      ).toBe('spans[0].remoteEndpoint.ipv6');
    }
  });
});

import { describe, expect, it } from 'vitest';
import { otlpProtobufBatches } from '../../../bench/server/otlpBatches';
import { DecodeError } from '../../core/model/decodeError';
import { ExportTraceServiceRequest, spansFromOtlpProtobuf } from './otlpProto';
import { spansFromOtlpWire } from './otlpWireDecode';

const b64 = (hex: string) => Buffer.from(hex, 'hex').toString('base64');

function encode(request: object): Uint8Array {
  return ExportTraceServiceRequest.encode(ExportTraceServiceRequest.fromObject(request)).finish();
}

const rich = {
  resourceSpans: [
    {
      resource: {
        attributes: [
          { key: 'service.name', value: { stringValue: 'checkout' } },
          { key: 'pid', value: { intValue: 4242 } },
        ],
      },
      scopeSpans: [
        {
          scope: {
            name: 'lib',
            version: '2.0',
            attributes: [{ key: 'scope.attr', value: { boolValue: true } }],
          },
          spans: [
            {
              traceId: b64('0af7651916cd43dd8448eb211c80319c'),
              spanId: b64('b7ad6b7169203331'),
              parentSpanId: b64('00f067aa0ba902b7'),
              traceState: 'vendor=1',
              flags: 257,
              name: 'POST /pay',
              kind: 3,
              startTimeUnixNano: '1700000000123456789',
              endTimeUnixNano: '1700000000987654321',
              attributes: [
                { key: 'neg', value: { intValue: '-42' } },
                { key: 'min', value: { intValue: '-9223372036854775808' } },
                { key: 'max', value: { intValue: '9223372036854775807' } },
                { key: 'big-positive', value: { intValue: '4294967296' } },
                { key: 'ratio', value: { doubleValue: -0.125 } },
                { key: 'no', value: { boolValue: false } },
                { key: 'raw', value: { bytesValue: b64('00ff10') } },
                { key: 'empty', value: {} },
                { key: 'utf8', value: { stringValue: 'héllo — ✓ 日本' } },
                {
                  key: 'nested',
                  value: {
                    kvlistValue: {
                      values: [
                        {
                          key: 'list',
                          value: {
                            arrayValue: {
                              values: [{ stringValue: 'a' }, { intValue: 1 }, { arrayValue: { values: [] } }],
                            },
                          },
                        },
                      ],
                    },
                  },
                },
              ],
              events: [
                {
                  timeUnixNano: '1700000000200000000',
                  name: 'exception',
                  attributes: [{ key: 'exception.message', value: { stringValue: 'card declined' } }],
                },
              ],
              links: [
                {
                  traceId: b64('11111111111111111111111111111111'),
                  spanId: b64('2222222222222222'),
                  traceState: 'x=y',
                  attributes: [{ key: 'opentracing.ref_type', value: { stringValue: 'follows_from' } }],
                },
              ],
              status: { code: 2, message: 'declined' },
            },
            {
              traceId: b64('0af7651916cd43dd8448eb211c80319c'),
              spanId: b64('b7ad6b7169203332'),
              name: 'minimal',
            },
          ],
        },
      ],
    },
    {
      scopeSpans: [
        {
          spans: [
            {
              traceId: b64('0af7651916cd43dd8448eb211c80319d'),
              spanId: b64('0000000000000001'),
              name: 'no resource',
            },
          ],
        },
      ],
    },
  ],
};

describe('spansFromOtlpWire', () => {
  it('decodes every field exactly as protobufjs does', () => {
    const bytes = encode(rich);
    const wire = spansFromOtlpWire(bytes);
    expect(wire).toEqual(spansFromOtlpProtobuf(bytes));
    expect(wire[0].attributes.find((a) => a.key === 'min')).toEqual({
      key: 'min',
      type: 'int64',
      value: -9223372036854775808n,
    });
    expect(wire[0].startTimeUnixNano).toBe(1700000000123456789n);
    expect(wire[2].resource.serviceName).toBe('missing-service-name');
  });

  it('matches protobufjs on realistic batches', () => {
    const now = 1_764_000_000_000_000_000n;
    for (const bytes of otlpProtobufBatches({
      batches: 3,
      tracesPerBatch: 20,
      spansPerTrace: 10,
      endNs: now,
      spreadNs: 60_000_000_000n,
      seed: 3,
    })) {
      expect(spansFromOtlpWire(bytes)).toEqual(spansFromOtlpProtobuf(bytes));
    }
  });

  it('names the field of an invalid ID', () => {
    const bad = structuredClone(rich);
    bad.resourceSpans[0].scopeSpans[0].spans[1].spanId = b64('0102');
    expect(() => spansFromOtlpWire(encode(bad))).toThrow(
      'resourceSpans[0].scopeSpans[0].spans[1].spanId: expected 8 bytes, got 2',
    );
    const missing = { resourceSpans: [{ scopeSpans: [{ spans: [{ spanId: b64('0000000000000001') }] }] }] };
    expect(() => spansFromOtlpWire(encode(missing))).toThrow(
      'resourceSpans[0].scopeSpans[0].spans[0].traceId: is required',
    );
  });

  it('refuses truncated messages and nesting past the limit', () => {
    const bytes = encode(rich);
    expect(() => spansFromOtlpWire(bytes.subarray(0, bytes.length - 7))).toThrow(DecodeError);
    let value: Record<string, unknown> = { stringValue: 'leaf' };
    for (let i = 0; i < 40; i++) value = { arrayValue: { values: [value] } };
    const deep = structuredClone(rich);
    (deep.resourceSpans[0].scopeSpans[0].spans[1] as { attributes?: unknown[] }).attributes = [
      { key: 'deep', value },
    ];
    expect(() => spansFromOtlpWire(encode(deep))).toThrow(/nested deeper than 32 levels/);
  });

  it('either decodes or throws a DecodeError for any corruption of a valid message', () => {
    const bytes = encode(rich);
    let seed = 1;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let i = 0; i < 3000; i++) {
      const copy = Uint8Array.from(bytes);
      const flips = 1 + Math.floor(random() * 4);
      for (let f = 0; f < flips; f++) copy[Math.floor(random() * copy.length)] = Math.floor(random() * 256);
      try {
        spansFromOtlpWire(copy);
      } catch (err) {
        expect(err).toBeInstanceOf(DecodeError);
      }
    }
  });
});

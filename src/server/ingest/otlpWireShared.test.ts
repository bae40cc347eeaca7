/**
 * The decoder hands out values it decoded before (wireCache.ts): sharing must never change what a
 * span says, whatever happens to the bytes afterwards.
 */
import { describe, expect, it } from 'vitest';
import { ExportTraceServiceRequest, spansFromOtlpProtobuf } from './otlpProto';
import { spansFromOtlpWire } from './otlpWireDecode';

const b64 = (hex: string) => Buffer.from(hex, 'hex').toString('base64');

function request(method: string, customer: string, spanHex: string, parentHex?: string): Buffer {
  const message = {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'frontend' } }] },
        scopeSpans: [
          {
            scope: { name: 'http', version: '1.0' },
            spans: [
              {
                traceId: b64('0af7651916cd43dd8448eb211c80319c'),
                spanId: b64(spanHex),
                parentSpanId: parentHex ? b64(parentHex) : undefined,
                name: 'GET /dispatch',
                kind: 2,
                startTimeUnixNano: '1700000000000000000',
                endTimeUnixNano: '1700000000100000000',
                attributes: [
                  { key: 'http.request.method', value: { stringValue: method } },
                  { key: 'customer_id', value: { stringValue: customer } },
                ],
              },
            ],
          },
        ],
      },
    ],
  };
  return Buffer.from(
    ExportTraceServiceRequest.encode(ExportTraceServiceRequest.fromObject(message)).finish(),
  );
}

describe('values shared between decoded spans', () => {
  it('are the same objects when the bytes repeat, across requests', () => {
    const [a] = spansFromOtlpWire(request('GET', 'customer-1', 'b7ad6b7169203331'));
    const [b] = spansFromOtlpWire(request('GET', 'customer-1', '00f067aa0ba902b7', 'b7ad6b7169203331'));
    expect(b.attributes[0]).toBe(a.attributes[0]);
    expect(b.resource).toBe(a.resource);
    expect(b.scope).toBe(a.scope);
    expect(b.traceId).toBe(a.traceId);
    expect(b.parentSpanId).toBe(a.spanId);
  });

  it('follow the bytes, not the buffer: a reused buffer decodes to its new content', () => {
    const body = request('GET', 'customer-1', 'b7ad6b7169203331');
    const first = spansFromOtlpWire(body);
    const snapshot = structuredClone(first);
    // Same length, other letters: the HTTP layer may hand the same memory to the next request.
    const next = request('PUT', 'customer-2', 'b7ad6b7169203332');
    expect(next.length).toBe(body.length);
    next.copy(body);
    const second = spansFromOtlpWire(body);
    expect(second).toEqual(spansFromOtlpProtobuf(next));
    expect(second[0].attributes.map((a) => a.value)).toEqual(['PUT', 'customer-2']);
    expect(second[0].spanId).toBe('b7ad6b7169203332');
    expect(first).toEqual(snapshot);
  });

  it('are not shared lists a consumer could append to', () => {
    const [span] = spansFromOtlpWire(request('GET', 'customer-1', 'b7ad6b7169203331'));
    expect(Object.isFrozen(span.events)).toBe(true);
    expect(Object.isFrozen(span.links)).toBe(true);
    expect(Object.isFrozen(span.warnings)).toBe(true);
    expect(Object.isFrozen(span.status)).toBe(true);
  });
});

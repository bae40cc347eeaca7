/**
 * Realistic OTLP ExportTraceServiceRequest batches, pre-encoded as protobuf so that a
 * benchmark measures the server, not the client's encoder.
 */
import { ExportTraceServiceRequest } from '../../src/server/ingest/otlpProto';

export interface BatchShape {
  batches: number;
  tracesPerBatch: number;
  spansPerTrace: number;
  /** Where the generated traces start, epoch ns; spread over the last `spreadNs`. */
  endNs: bigint;
  spreadNs: bigint;
  seed?: number;
}

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SERVICES = 20;
const OPS_PER_SERVICE = 5;
const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
const b64 = (hexText: string) => Buffer.from(hexText, 'hex').toString('base64');

type KeyValue = { key: string; value: Record<string, unknown> };

export function* otlpProtobufBatches(shape: BatchShape): Generator<Uint8Array> {
  const random = mulberry32(shape.seed ?? 7);
  let traceCounter = 0;
  for (let b = 0; b < shape.batches; b++) {
    const byService = new Map<number, unknown[]>();
    for (let t = 0; t < shape.tracesPerBatch; t++) {
      const traceNo = ++traceCounter;
      const traceId = b64(hex(0xbe7c0000 + (shape.seed ?? 7), 16) + hex(traceNo, 16));
      const start =
        shape.endNs - BigInt(Math.floor(random() * Number(shape.spreadNs / 1_000_000n))) * 1_000_000n;
      const spanIds: string[] = [];
      for (let s = 0; s < shape.spansPerTrace; s++) {
        const service = s === 0 ? 0 : Math.floor(random() * SERVICES);
        const spanId = hex(traceNo * 64 + s + 1, 16);
        spanIds.push(spanId);
        const parent = s === 0 ? undefined : spanIds[Math.floor(random() * s)];
        const offset = BigInt(s * 1_000_000 + Math.floor(random() * 1_000_000));
        const duration = BigInt(Math.floor(1_000_000 + random() * (s === 0 ? 500_000_000 : 50_000_000)));
        const attributes: KeyValue[] = [
          {
            key: 'http.request.method',
            value: { stringValue: ['GET', 'POST', 'PUT'][Math.floor(random() * 3)] },
          },
          { key: 'http.response.status_code', value: { intValue: random() < 0.02 ? 500 : 200 } },
          { key: 'customer_id', value: { stringValue: `customer-${Math.floor(random() * 1000)}` } },
        ];
        const extra = Math.floor(random() * 6);
        for (let a = 0; a < extra; a++)
          attributes.push({
            key: `app.attr${a}`,
            value: { stringValue: `value-${Math.floor(random() * 50)}` },
          });
        const error = random() < 0.01;
        const span = {
          traceId,
          spanId: b64(spanId),
          parentSpanId: parent ? b64(parent) : undefined,
          name: `op-${service * OPS_PER_SERVICE + Math.floor(random() * OPS_PER_SERVICE)}`,
          kind: s === 0 ? 2 : 1 + Math.floor(random() * 3),
          startTimeUnixNano: (start + offset).toString(),
          endTimeUnixNano: (start + offset + duration).toString(),
          attributes,
          events:
            random() < 0.1
              ? [
                  {
                    timeUnixNano: (start + offset).toString(),
                    name: 'log',
                    attributes: [{ key: 'message', value: { stringValue: 'cache miss' } }],
                  },
                ]
              : [],
          status: error ? { code: 2, message: 'boom' } : {},
        };
        let list = byService.get(service);
        if (!list) byService.set(service, (list = []));
        list.push(span);
      }
    }
    const request = {
      resourceSpans: [...byService].map(([service, spans]) => ({
        resource: {
          attributes: [
            { key: 'service.name', value: { stringValue: `service-${service}` } },
            { key: 'host.name', value: { stringValue: `host-${service % 7}` } },
          ],
        },
        scopeSpans: [{ scope: { name: '@opentelemetry/instrumentation-http', version: '0.57.0' }, spans }],
      })),
    };
    yield ExportTraceServiceRequest.encode(ExportTraceServiceRequest.fromObject(request)).finish();
  }
}

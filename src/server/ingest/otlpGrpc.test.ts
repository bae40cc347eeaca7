import * as grpc from '@grpc/grpc-js';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningAllInOne } from '../allInOne';
import { startTestServer } from '../testing/testServer';
import { listenOtlpGrpc, TRACE_EXPORT_PATH, traceServiceDefinition } from './otlpGrpc';
import { ExportTraceServiceRequest } from './otlpProto';

let app: RunningAllInOne;
const json = async (r: Response): Promise<any> => r.json();
const LIMIT = 64 * 1024;
beforeAll(async () => {
  app = await startTestServer({ maxRequestBytes: LIMIT });
});
afterAll(() => app.close());

type ExporterConfig = NonNullable<ConstructorParameters<typeof OTLPTraceExporter>[0]>;

/** frontend GET /checkout → POST /charge → payments `charge` (failed, with an event), via the SDK. */
async function sendCheckout(compression?: 'gzip') {
  const provider = (service: string) =>
    new BasicTracerProvider({
      resource: resourceFromAttributes({ 'service.name': service, 'host.name': `${service}-1` }),
      spanProcessors: [
        new SimpleSpanProcessor(
          new OTLPTraceExporter({
            url: app.urls.otlpGrpc,
            compression: compression as ExporterConfig['compression'],
          }),
        ),
      ],
    });
  const frontend = provider(`grpc-frontend${compression ? '-gz' : ''}`);
  const payments = provider(`grpc-payments${compression ? '-gz' : ''}`);
  const feTracer = frontend.getTracer('checkout-lib', '1.2.3');
  const root = feTracer.startSpan('GET /checkout', {
    kind: SpanKind.SERVER,
    attributes: { 'http.method': 'GET', 'http.status_code': 200, cached: true, ratio: 0.5 },
  });
  const call = feTracer.startSpan(
    'POST /charge',
    { kind: SpanKind.CLIENT },
    trace.setSpan(context.active(), root),
  );
  const charge = payments
    .getTracer('payments-lib')
    .startSpan('charge', { kind: SpanKind.SERVER }, trace.setSpan(context.active(), call));
  charge.addEvent('card declined', { attempt: 2 });
  charge.setStatus({ code: SpanStatusCode.ERROR, message: 'declined' });
  charge.end();
  call.end();
  root.end();
  // shutdown flushes the exports and closes the gRPC channels.
  await Promise.all([frontend.shutdown(), payments.shutdown()]);
  const ids = (s: typeof root) => s.spanContext().spanId;
  return { traceId: root.spanContext().traceId, root: ids(root), call: ids(call), charge: ids(charge) };
}

async function getTrace(id: string) {
  const res = await fetch(`${app.urls.query}/api/traces/${id}`);
  return { status: res.status, body: await json(res) };
}

const address = () => app.urls.otlpGrpc.replace(/^http:\/\//, '');

/** A raw unary call with the bytes as given, so malformed messages reach the server. */
function rawExport(bytes: Uint8Array, options: grpc.ClientOptions = {}) {
  const client = new grpc.Client(address(), grpc.credentials.createInsecure(), options);
  const identity = (b: Buffer) => b;
  return new Promise<{ code: number; details: string }>((resolve) => {
    client.makeUnaryRequest(TRACE_EXPORT_PATH, identity, identity, Buffer.from(bytes), (err) => {
      client.close();
      resolve(err ? { code: err.code, details: err.details } : { code: grpc.status.OK, details: '' });
    });
  });
}

function request(traceIdHex: string, spanIdHex = '1111111111111111', pad = '') {
  const b64 = (hex: string) => Buffer.from(hex, 'hex').toString('base64');
  const message = ExportTraceServiceRequest.fromObject({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'raw-grpc' } }] },
        scopeSpans: [
          {
            spans: [
              {
                traceId: b64(traceIdHex),
                spanId: b64(spanIdHex),
                name: 'raw-op',
                startTimeUnixNano: '1700000000000000000',
                endTimeUnixNano: '1700000000100000000',
                attributes: pad ? [{ key: 'pad', value: { stringValue: pad } }] : [],
              },
            ],
          },
        ],
      },
    ],
  });
  return ExportTraceServiceRequest.encode(message).finish();
}

describe('OTLP/gRPC receiver', () => {
  it('exposes the bound address as an http:// URL with the real port', () => {
    expect(app.urls.otlpGrpc).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(app.urls.otlpGrpc).not.toMatch(/:0$/);
  });

  it.each([[undefined], ['gzip' as const]])(
    'stores what the OpenTelemetry SDK exports (compression %s)',
    async (gz) => {
      const sent = await sendCheckout(gz);
      const { status, body } = await getTrace(sent.traceId);
      expect(status).toBe(200);
      const t = body.data[0];
      const services = Object.values(t.processes).map((p: any) => p.serviceName);
      expect(services.sort()).toEqual([`grpc-frontend${gz ? '-gz' : ''}`, `grpc-payments${gz ? '-gz' : ''}`]);
      const byId = new Map<string, any>(t.spans.map((s: any) => [s.spanID, s]));
      const root = byId.get(sent.root);
      const call = byId.get(sent.call);
      const charge = byId.get(sent.charge);
      expect([root.operationName, call.operationName, charge.operationName]).toEqual([
        'GET /checkout',
        'POST /charge',
        'charge',
      ]);
      expect(root.references).toEqual([]);
      expect(call.references).toEqual([{ refType: 'CHILD_OF', traceID: sent.traceId, spanID: sent.root }]);
      expect(charge.references).toEqual([{ refType: 'CHILD_OF', traceID: sent.traceId, spanID: sent.call }]);
      expect(root.tags).toEqual(
        expect.arrayContaining([
          { key: 'otel.scope.name', type: 'string', value: 'checkout-lib' },
          { key: 'otel.scope.version', type: 'string', value: '1.2.3' },
          { key: 'http.method', type: 'string', value: 'GET' },
          { key: 'http.status_code', type: 'int64', value: 200 },
          { key: 'cached', type: 'bool', value: true },
          { key: 'ratio', type: 'float64', value: 0.5 },
          { key: 'span.kind', type: 'string', value: 'server' },
        ]),
      );
      expect(charge.tags).toEqual(
        expect.arrayContaining([
          { key: 'span.kind', type: 'string', value: 'server' },
          { key: 'otel.status_code', type: 'string', value: 'ERROR' },
          { key: 'error', type: 'bool', value: true },
          { key: 'otel.status_description', type: 'string', value: 'declined' },
        ]),
      );
      expect(charge.logs[0].fields).toEqual([
        { key: 'event', type: 'string', value: 'card declined' },
        { key: 'attempt', type: 'int64', value: 2 },
      ]);
      expect(t.processes[charge.processID].tags).toContainEqual({
        key: 'host.name',
        type: 'string',
        value: `grpc-payments${gz ? '-gz' : ''}-1`,
      });
    },
  );

  it('answers INVALID_ARGUMENT for malformed messages and keeps serving', async () => {
    const garbage = await rawExport(new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]));
    expect(garbage.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(garbage.details).toMatch(/^invalid protobuf ExportTraceServiceRequest/);

    const badId = await rawExport(request('0000000000000000000000000000d001', '1234'));
    expect(badId).toEqual({
      code: grpc.status.INVALID_ARGUMENT,
      details: 'resourceSpans[0].scopeSpans[0].spans[0].spanId: expected 8 bytes, got 2',
    });

    const good = await rawExport(request('0000000000000000000000000000d002'));
    expect(good.code).toBe(grpc.status.OK);
    const { body } = await getTrace('d002');
    expect(body.data[0].spans[0].operationName).toBe('raw-op');
    expect((await getTrace('d001')).status).toBe(404);
  });

  it('accepts gzip messages and applies the size limit after decompression', async () => {
    const gzip = { 'grpc.default_compression_algorithm': grpc.compressionAlgorithms.gzip };
    expect((await rawExport(request('0000000000000000000000000000d003'), gzip)).code).toBe(grpc.status.OK);
    expect((await getTrace('d003')).status).toBe(200);

    const big = request('0000000000000000000000000000d004', '1111111111111111', 'x'.repeat(2 * LIMIT));
    const bomb = await rawExport(big, gzip);
    expect(bomb.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
    expect(bomb.details).toMatch(/decompresses to a size larger than 65536/);
    const plain = await rawExport(big);
    expect(plain.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
    expect((await getTrace('d004')).status).toBe(404);
  });

  it('answers UNAVAILABLE when the store fails, so SDKs retry', async () => {
    const spy = vi.spyOn(app.pipeline, 'accept').mockRejectedValueOnce(new Error('disk full'));
    try {
      const res = await rawExport(request('0000000000000000000000000000d005'));
      expect(res).toEqual({
        code: grpc.status.UNAVAILABLE,
        details: 'the spans could not be stored; retry later',
      });
    } finally {
      spy.mockRestore();
    }
  });

  it('serves typed clients built from the same service definition', async () => {
    const Client = grpc.makeGenericClientConstructor(traceServiceDefinition, 'TraceService');
    const client = new Client(address(), grpc.credentials.createInsecure()) as any;
    const message = ExportTraceServiceRequest.decode(request('0000000000000000000000000000d006'));
    const response = await new Promise((resolve, reject) =>
      client.Export({ message }, (err: Error | null, res: unknown) => (err ? reject(err) : resolve(res))),
    );
    client.close();
    expect(response).toEqual({ rejectedSpans: 0, errorMessage: '' });
    expect((await getTrace('d006')).status).toBe(200);
  });
});

describe('listenOtlpGrpc', () => {
  it('says so when the port is taken', async () => {
    const port = Number(new URL(app.urls.otlpGrpc).port);
    const taken = listenOtlpGrpc(app.pipeline, {
      host: '127.0.0.1',
      port,
      maxMessageBytes: LIMIT,
      log: () => {},
    });
    await expect(taken).rejects.toThrow(`otlp-grpc: cannot listen on 127.0.0.1:${port}: the port is in use`);
  });
});

/**
 * Sends traces through the real OpenTelemetry JS SDK, one tracer provider per service, the
 * way instrumented services would, so the e2e tests exercise what users' apps really send.
 */
import { context, SpanKind, SpanStatusCode, trace, type Span, type Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter as OtlpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';

export type Encoding = 'protobuf' | 'json';

export interface SentTrace {
  traceId: string;
  services: string[];
  operations: string[];
}

function provider(service: string, url: string, encoding: Encoding): BasicTracerProvider {
  const exporter = encoding === 'protobuf' ? new OtlpProtoExporter({ url }) : new OtlpJsonExporter({ url });
  return new BasicTracerProvider({
    resource: resourceFromAttributes({
      'service.name': service,
      'service.version': '1.4.2',
      'host.name': `${service}-1`,
    }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function child<T>(
  tracer: Tracer,
  parent: Span,
  name: string,
  kind: SpanKind,
  work: (span: Span) => Promise<T>,
): Promise<T> {
  const span = tracer.startSpan(name, { kind }, trace.setSpan(context.active(), parent));
  try {
    return await work(span);
  } finally {
    span.end();
  }
}

/**
 * A dispatch request across three services — `<prefix>frontend` → `<prefix>customer` and
 * `<prefix>driver` — with a database call, a cache call that fails, and an event.
 */
export async function sendDispatchTrace(
  otlpHttpBase: string,
  encoding: Encoding,
  prefix = '',
): Promise<SentTrace> {
  const url = `${otlpHttpBase}/v1/traces`;
  const names = { frontend: `${prefix}frontend`, customer: `${prefix}customer`, driver: `${prefix}driver` };
  const providers = Object.values(names).map((s) => provider(s, url, encoding));
  const [frontend, customer, driver] = providers.map((p, i) =>
    p.getTracer(`e2e-${Object.values(names)[i]}`, '1.0.0'),
  );
  const operations = [
    'HTTP GET /dispatch',
    'HTTP GET /customer',
    'GET /customer',
    'SQL SELECT',
    'FindNearest',
    '/driver.DriverService/FindNearest',
    'GetDriver',
  ];

  const root = frontend.startSpan(operations[0], {
    kind: SpanKind.SERVER,
    attributes: { 'http.method': 'GET', 'http.route': '/dispatch' },
  });
  await child(frontend, root, operations[1], SpanKind.CLIENT, async (call) =>
    child(customer, call, operations[2], SpanKind.SERVER, async (server) => {
      await child(customer, server, operations[3], SpanKind.CLIENT, async (sql) => {
        sql.setAttribute('db.system', 'mysql');
        sql.setAttribute('db.statement', 'SELECT * FROM customer WHERE customer_id = 123');
        await pause(5);
      });
    }),
  );
  await child(frontend, root, operations[4], SpanKind.CLIENT, async (call) =>
    child(driver, call, operations[5], SpanKind.SERVER, async (server) => {
      await child(driver, server, operations[6], SpanKind.CLIENT, async (redis) => {
        redis.addEvent('retrying', { attempt: 2 });
        redis.setStatus({ code: SpanStatusCode.ERROR, message: 'redis timeout' });
        await pause(3);
      });
    }),
  );
  root.end();
  const traceId = root.spanContext().traceId;
  for (const p of providers) {
    await p.forceFlush();
    await p.shutdown();
  }
  return { traceId, services: Object.values(names), operations };
}

/** Traces for the search e2e tests, each chosen so that a search finds exactly known ones. */
import type { TraceSpec } from './otlpJson';

export const minutesAgo = (m: number) => Date.now() - m * 60_000;

/** The shop: four traces told apart by operation, span kind, attribute, duration and time. */
export const SHOP: TraceSpec[] = [
  {
    startMs: minutesAgo(50),
    root: {
      name: 'GET /cart',
      service: 'shop',
      durationMs: 50,
      attributes: { 'http.status_code': 200 },
      children: [{ name: 'GET redis', service: 'shop', kind: 3, durationMs: 5, offsetMs: 2 }],
    },
  },
  {
    startMs: minutesAgo(40),
    root: {
      name: 'GET /cart',
      service: 'shop',
      durationMs: 300,
      attributes: { 'http.status_code': 500 },
      error: true,
    },
  },
  {
    startMs: minutesAgo(20),
    root: {
      name: 'POST /checkout',
      service: 'shop',
      durationMs: 1200,
      attributes: { 'http.status_code': 200, tenant: 'acme corp' },
      children: [{ name: 'reserve stock', service: 'shop', durationMs: 100, offsetMs: 10 }],
    },
  },
  {
    startMs: minutesAgo(5),
    root: {
      name: 'POST /checkout',
      service: 'shop',
      durationMs: 80,
      children: [
        {
          name: 'charge',
          service: 'payments',
          kind: 2,
          durationMs: 30,
          offsetMs: 20,
          attributes: { 'payment.method': 'card' },
        },
      ],
    },
  },
  { startMs: minutesAgo(10), root: { name: 'GET /', service: 'other', durationMs: 20 } },
];

/** `n` quick traces a couple of seconds apart over the last hour, for the 1,500-result measurement. */
export function perfTraces(n: number): TraceSpec[] {
  const traces: TraceSpec[] = [];
  for (let i = 0; i < n; i++) {
    traces.push({
      startMs: minutesAgo(55) + i * 2000,
      root: {
        name: `GET /api/items/${i % 40}`,
        service: 'perf-svc',
        durationMs: 5 + ((i * 7919) % 900),
        error: i % 11 === 0,
        children: [
          { name: 'query', service: 'perf-db', durationMs: 2, offsetMs: 1 },
          { name: 'render', service: 'perf-svc', durationMs: 1, offsetMs: 3 },
        ],
      },
    });
  }
  return traces;
}

/** A Jaeger JSON trace the backend has never seen: service `file-svc`, root `upload me`. */
export function jaegerFile() {
  const traceId = [...Array(32)].map(() => Math.floor(Math.random() * 16).toString(16)).join('');
  const startUs = minutesAgo(3) * 1000;
  const span = (
    spanID: string,
    operationName: string,
    parent: string | null,
    offset: number,
    duration: number,
  ) => ({
    traceID: traceId,
    spanID,
    operationName,
    references: parent ? [{ refType: 'CHILD_OF', traceID: traceId, spanID: parent }] : [],
    startTime: startUs + offset,
    duration,
    tags: [{ key: 'span.kind', type: 'string', value: parent ? 'internal' : 'server' }],
    logs: [],
    processID: 'p1',
    warnings: null,
  });
  const trace = {
    traceID: traceId,
    spans: [
      span('00000000000000a1', 'upload me', null, 0, 42_000),
      span('00000000000000a2', 'child step', '00000000000000a1', 1_000, 20_000),
    ],
    processes: { p1: { serviceName: 'file-svc', tags: [] } },
    warnings: null,
  };
  return { traceId, trace };
}

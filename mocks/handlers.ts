/**
 * MSW handlers that answer like Jaeger's v1 query API, shared by unit tests (mocks/node.ts) and the
 * no-backend demo (`?mock`, mocks/browser.ts). The `*` prefix matches any origin and any base path,
 * so the app works under `/` and under `/jaeger/` alike.
 */
import { http, HttpResponse } from 'msw';
import { envelope, type JaegerTrace } from '../src/core/jaeger/jaegerJson';
import { configTrace } from './data/configTrace';
import { dispatchTrace } from './data/dispatchTrace';

export const mockTraces: readonly JaegerTrace[] = [dispatchTrace, configTrace];

/** Every service in a set of traces, sorted, as `api/services` reports them. */
export function servicesOf(traces: readonly JaegerTrace[]): string[] {
  const names = new Set<string>();
  for (const t of traces) for (const p of Object.values(t.processes)) names.add(p.serviceName);
  return [...names].sort();
}

function traceStart(t: JaegerTrace): number {
  return Math.min(...t.spans.map((s) => s.startTime));
}

/** Jaeger accepts IDs with or without leading zeros, in any case. */
function sameTraceId(a: string, b: string): boolean {
  return a.toLowerCase().padStart(32, '0') === b.toLowerCase().padStart(32, '0');
}

export function jaegerError(status: number, msg: string) {
  return HttpResponse.json(envelope(null, 0, [{ code: status, msg }]), { status });
}

/** Handlers over a given set of traces; tests pass their own to shape a scenario. */
export function createHandlers(traces: readonly JaegerTrace[] = mockTraces) {
  return [
    http.get('*/api/services', () => {
      const services = servicesOf(traces);
      return HttpResponse.json(envelope(services, services.length));
    }),

    // The recorded traces have fixed timestamps, so the time window is ignored on purpose.
    http.get('*/api/traces', ({ request }) => {
      const query = new URL(request.url).searchParams;
      const service = query.get('service');
      if (!service) return jaegerError(400, "parameter 'service' is required");
      const limit = Number(query.get('limit') ?? '20') || 20;
      const found = traces
        .filter((t) => Object.values(t.processes).some((p) => p.serviceName === service))
        .sort((a, b) => traceStart(b) - traceStart(a))
        .slice(0, limit);
      return HttpResponse.json(envelope(found, found.length));
    }),

    http.get('*/api/traces/:traceId', ({ params }) => {
      const id = String(params.traceId);
      const trace = traces.find((t) => sameTraceId(t.traceID, id));
      if (!trace) return jaegerError(404, 'trace not found');
      return HttpResponse.json(envelope([trace], 1));
    }),
  ];
}

export const handlers = createHandlers();

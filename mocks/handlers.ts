/**
 * The default MSW handlers of unit tests (mocks/node.ts): Tracelens' own backend, which serves
 * Jaeger's v1 and v3 query APIs, over small hand-written traces. Other generations are in
 * mocks/generations/; the no-backend demo (mocks/demo/) runs the same route handlers over the
 * recorded demo. The `*` prefix matches any origin and any base path, so the app works under `/`
 * and under `/jaeger/` alike.
 */
import { HttpResponse } from 'msw';
import { envelope, type JaegerTrace } from '../src/core/jaeger/jaegerJson';
import { configTrace } from './data/configTrace';
import { dispatchTrace } from './data/dispatchTrace';
import { generationHandlers } from './generations';
import type { TraceSetOptions } from './generations/traceSet';

export const mockTraces: readonly JaegerTrace[] = [dispatchTrace, configTrace];

/** Every service in a set of traces, sorted, as `api/services` reports them. */
export function servicesOf(traces: readonly JaegerTrace[]): string[] {
  const names = new Set<string>();
  for (const t of traces) for (const p of Object.values(t.processes)) names.add(p.serviceName);
  return [...names].sort();
}

/** A v1 error envelope (as JSON; Jaeger itself sends it as text/plain, see generations/wire.ts). */
export function jaegerError(status: number, msg: string) {
  return HttpResponse.json(envelope(null, 0, [{ code: status, msg }]), { status });
}

/**
 * Handlers over a given set of traces; tests pass their own to shape a scenario. There is no
 * catch-all for unknown `/api/` paths here, so other features' mocks can be appended to this list.
 */
export function createHandlers(traces: readonly JaegerTrace[] = mockTraces, options: TraceSetOptions = {}) {
  return generationHandlers('tracelens', traces, { ...options, unknownRoutes: false });
}

export const handlers = createHandlers();

/** A backend for the worker's download tests: fetch answers a trace's columns and Jaeger JSON. */
import { vi } from 'vitest';
import { planAdjustments } from '../../../core/adjust/adjustPlan';
import { TRACE_COLUMNS_MEDIA_TYPE } from '../../../core/columns/columnsFormat';
import { encodeTraceColumns } from '../../../core/columns/encodeTraceColumns';
import { traceFromJaeger } from '../../../core/jaeger/fromJaegerJson';
import type { JaegerTrace } from '../../../core/jaeger/jaegerJson';
import { toJaegerTrace } from '../../../core/jaeger/toJaegerJson';
import { syntheticTrace } from '../../../core/testing/syntheticTrace';
import { COLUMNS_FIRST_FROM_SPANS, type TraceSource } from '../fetchTrace';

export const SOURCE: TraceSource = {
  jsonUrl: 'http://backend/api/traces/t',
  columnsUrl: 'http://backend/api/traces/t/columns',
  spanUrl: null,
  headers: {},
};

/** The backend's two answers for a trace: its Jaeger JSON and its columns. */
export function backendAnswers(trace: JaegerTrace) {
  return {
    json: new TextEncoder().encode(JSON.stringify({ data: [trace] })),
    columns: encodeTraceColumns(planAdjustments(traceFromJaeger(trace))),
  };
}

/** Stubs fetch with a backend that has these answers. */
export function serve({ json, columns }: { json: Uint8Array; columns: Uint8Array }) {
  const fetched: string[] = [];
  vi.stubGlobal('fetch', (url: string) => {
    fetched.push(url);
    const columnsAsked = url === SOURCE.columnsUrl;
    const body = columnsAsked ? columns : json;
    return Promise.resolve(
      new Response(body.slice(), {
        headers: {
          'Content-Type': columnsAsked ? TRACE_COLUMNS_MEDIA_TYPE : 'application/json',
          'Content-Length': String(body.byteLength),
        },
      }),
    );
  });
  return fetched;
}

/** A large enough trace for its rows to come first from the columns. */
export const columnsFirstTrace = (): JaegerTrace =>
  toJaegerTrace(syntheticTrace(COLUMNS_FIRST_FROM_SPANS, 3).spans);

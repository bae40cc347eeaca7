/**
 * Tracelens' `GET /api/traces/{id}/columns` and `GET /api/traces/{id}/spans/{spanId}`
 * (src/server/query/traceColumnsRoute.ts, docs/trace-columns-api.md) over a mock trace set.
 */
import { http, HttpResponse, type HttpHandler } from 'msw';
import { adjustedTrace, planAdjustments } from '../../src/core/adjust/adjustPlan';
import { TRACE_COLUMNS_MEDIA_TYPE } from '../../src/core/columns/columnsFormat';
import { encodeTraceColumns } from '../../src/core/columns/encodeTraceColumns';
import { traceFromJaeger } from '../../src/core/jaeger/fromJaegerJson';
import { envelope } from '../../src/core/jaeger/jaegerJson';
import { toJaegerTrace } from '../../src/core/jaeger/toJaegerJson';
import type { MockTraceSet } from './traceSet';
import { v1Error } from './wire';

export function columnsHandlers(set: MockTraceSet): HttpHandler[] {
  return [
    http.get('*/api/traces/:traceId/columns', ({ params }) => {
      const found = set.byId(String(params.traceId));
      if (!found) return v1Error(404, 'trace not found');
      const bytes = encodeTraceColumns(planAdjustments(traceFromJaeger(found)));
      return new HttpResponse(bytes, {
        headers: { 'Content-Type': TRACE_COLUMNS_MEDIA_TYPE, 'Content-Length': String(bytes.byteLength) },
      });
    }),
    http.get('*/api/traces/:traceId/spans/:spanId', ({ params }) => {
      const found = set.byId(String(params.traceId));
      if (!found) return v1Error(404, 'trace not found');
      const trace = adjustedTrace(traceFromJaeger(found));
      const span = trace.spans.find((s) => s.spanId === String(params.spanId));
      if (!span) return v1Error(404, 'span not found');
      return HttpResponse.json(envelope([toJaegerTrace([span], trace.warnings)]));
    }),
  ];
}

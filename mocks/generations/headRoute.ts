/** Tracelens' `GET /api/traces/{id}/head` (src/server/query/traceHeadRoute.ts) over a mock trace set. */
import { http, HttpResponse, type HttpHandler } from 'msw';
import { indexSpanIds } from '../../src/core/adjust/spanIdIndex';
import { traceFromJaeger } from '../../src/core/jaeger/fromJaegerJson';
import { traceHead } from '../../src/core/tree/traceHead';
import type { MockTraceSet } from './traceSet';
import { v1Error } from './wire';

export function headHandlers(set: MockTraceSet): HttpHandler[] {
  return [
    http.get('*/api/traces/:traceId/head', ({ params, request }) => {
      const found = set.byId(String(params.traceId));
      if (!found) return v1Error(404, 'trace not found');
      const rows = Number(new URL(request.url).searchParams.get('rows') ?? 100);
      if (!Number.isInteger(rows) || rows < 1 || rows > 1000)
        return v1Error(
          400,
          `unable to parse param 'rows': ${JSON.stringify(String(rows))} is not a whole number from 1 to 1000`,
        );
      const trace = traceFromJaeger(found);
      const { positions } = indexSpanIds((i) => trace.spans[i].spanId, trace.spans.length);
      return HttpResponse.json(traceHead(found.traceID, trace.spans, positions, rows));
    }),
  ];
}

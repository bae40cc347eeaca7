/**
 * Jaeger's HTTP API v3 (apiv3/http_gateway.go) over a mock trace set, in the dialect of a given
 * release: before 2.19 only snake_case parameters, no `query.attributes`, no default search depth
 * and no trace-summaries; main refuses a search without a service unless configured otherwise.
 */
import { http, type HttpHandler } from 'msw';
import { tracesToOtlpJson } from '../../src/core/otlp/toOtlpJson';
import { durationParam, stringMapParam, timeParam } from './params';
import type { MockTraceSet } from './traceSet';
import { tallyInsights, traceInsights } from '../../src/core/insights/detectInsights';
import { withInsightTally } from '../../src/core/trace/v3Summary';
import { v3SummaryJson } from './v3Summary';
import { ParamError, v3Error, v3Ok } from './wire';

export interface V3RouteOptions {
  /** 'snake' = Jaeger ≤ 2.18; 'camel' = 2.19+ (camelCase preferred, snake_case still read). */
  dialect: 'snake' | 'camel';
  summaries: boolean;
  /** Jaeger main with a storage that cannot search across services. */
  requireService?: boolean;
  /** Tracelens's backend: each summary also carries its insight tally (`tracelensInsights`). */
  insightTallies?: boolean;
}

const MAX_TRACES = 100_000;

function guarded(handler: (query: URLSearchParams) => Response): (info: { request: Request }) => Response {
  return ({ request }) => {
    try {
      return handler(new URL(request.url).searchParams);
    } catch (error) {
      if (error instanceof ParamError) return v3Error(error.status, error.message);
      throw error;
    }
  };
}

function searchQuery(set: MockTraceSet, query: URLSearchParams, options: V3RouteOptions) {
  const camel = options.dialect === 'camel';
  const get = (camelName: string, snakeName: string): [string, string] => {
    const value = camel ? (query.get(camelName) ?? '') : '';
    return value !== '' ? [value, camelName] : [query.get(snakeName) ?? '', snakeName];
  };
  const [service] = get('query.serviceName', 'query.service_name');
  const [operation] = get('query.operationName', 'query.operation_name');
  const attributes =
    camel && query.get('query.attributes')
      ? stringMapParam(query.get('query.attributes') ?? '', 'malformed parameter query.attributes')
      : new Map<string, string>();
  const [minText, minName] = get('query.startTimeMin', 'query.start_time_min');
  const [maxText, maxName] = get('query.startTimeMax', 'query.start_time_max');
  if (minText === '' || maxText === '') {
    throw new ParamError(
      400,
      camel
        ? 'query.startTimeMin and query.startTimeMax are required'
        : 'query.start_time_min and query.start_time_max are required',
    );
  }
  const startTimeMin = timeParam(minText, minName);
  const startTimeMax = timeParam(maxText, maxName);
  if (camel && !(startTimeMin < startTimeMax))
    throw new ParamError(400, 'query.startTimeMin must be before query.startTimeMax');
  // query.searchDepth / query.search_depth arrived in 2.19; older releases read only num_traces.
  let depthText = camel ? get('query.searchDepth', 'query.search_depth')[0] : '';
  if (depthText === '') depthText = query.get('query.num_traces') ?? '';
  // Before 2.19 there was no default: an absent depth reached the store as 0.
  const depth = depthText === '' ? (camel ? 100 : 0) : Number(depthText);
  if (options.requireService && !service) throw new ParamError(400, 'service name is required');
  const [dMin, dMinName] = get('query.durationMin', 'query.duration_min');
  const [dMax, dMaxName] = get('query.durationMax', 'query.duration_max');
  const durationMin = durationParam(dMin, `malformed parameter ${dMinName}`);
  const durationMax = durationParam(dMax, `malformed parameter ${dMaxName}`);
  if (!(depth > 0 && depth <= MAX_TRACES)) {
    throw new ParamError(500, 'search depth must be greater than 0 and less than max traces');
  }
  const found = set.find(
    {
      serviceName: service,
      operationName: operation,
      attributes,
      startTimeMin,
      startTimeMax,
      durationMin,
      durationMax,
    },
    depth,
  );
  return found.map((t) => set.core(t));
}

export function v3Handlers(set: MockTraceSet, options: V3RouteOptions): HttpHandler[] {
  const handlers: HttpHandler[] = [
    http.get('*/api/v3/services', () => v3Ok({ services: set.services() })),
    http.get(
      '*/api/v3/operations',
      guarded((query) => {
        const kind =
          (options.dialect === 'camel' ? query.get('spanKind') : null) || query.get('span_kind') || '';
        const operations = set
          .operations(query.get('service') ?? '', kind)
          .map((o) => ({ ...(o.name ? { name: o.name } : {}), spanKind: o.spanKind || 'internal' }));
        return v3Ok({ operations });
      }),
    ),
    http.get(
      '*/api/v3/traces',
      guarded((query) => {
        const traces = searchQuery(set, query, options);
        if (traces.length === 0) return v3Error(404, 'No traces found');
        return v3Ok({ result: tracesToOtlpJson(traces) });
      }),
    ),
    http.get('*/api/v3/traces/:traceId', ({ params }) => {
      const trace = set.byId(String(params.traceId));
      return trace ? v3Ok({ result: tracesToOtlpJson([set.core(trace)]) }) : v3Error(404, 'No traces found');
    }),
  ];
  if (options.summaries) {
    handlers.push(
      http.get(
        '*/api/v3/trace-summaries',
        guarded((query) =>
          v3Ok({
            summaries: searchQuery(set, query, options).map((trace) =>
              options.insightTallies
                ? withInsightTally(v3SummaryJson(trace), tallyInsights(traceInsights(trace)))
                : v3SummaryJson(trace),
            ),
          }),
        ),
      ),
    );
  }
  return handlers;
}

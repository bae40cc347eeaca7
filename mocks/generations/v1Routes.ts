/** Jaeger's v1 query API (http_handler.go, query_parser.go) over a mock trace set. */
import { http, type HttpHandler } from 'msw';
import type { MockTraceSet } from './traceSet';
import { durationParam, int64Param, stringMapParam } from './params';
import { ParamError, v1Error, v1Ok } from './wire';

export interface V1RouteOptions {
  /** `GET /api/services`, `/api/operations`, `/api/services/{s}/operations` (removed on main). */
  discovery: boolean;
  /** `GET /api/traces` search and multi-get (removed on main). */
  search: boolean;
}

const MAX_TRACES = 100_000;
const DEFAULT_LOOKBACK_US = 48n * 3600n * 1_000_000n;

function guarded(handler: (query: URLSearchParams) => Response): (info: { request: Request }) => Response {
  return ({ request }) => {
    try {
      return handler(new URL(request.url).searchParams);
    } catch (error) {
      if (error instanceof ParamError) return v1Error(error.status, error.message);
      throw error;
    }
  };
}

function search(set: MockTraceSet, query: URLSearchParams): Response {
  const ids = query.getAll('traceID');
  if (ids.length > 0) {
    const found = ids.map((id) => set.byId(id)).filter((t) => t !== undefined);
    const missing = ids.filter((id) => !set.byId(id)).map((id) => ({ msg: 'trace not found', traceID: id }));
    return Response.json({
      data: found,
      total: 0,
      limit: 0,
      offset: 0,
      errors: missing.length ? missing : null,
    });
  }
  const service = query.get('service') ?? '';
  if (!service) throw new ParamError(400, "parameter 'service' is required");
  const attributes = new Map<string, string>();
  for (const tag of query.getAll('tag')) {
    const colon = tag.indexOf(':');
    if (colon < 0)
      throw new ParamError(400, `malformed 'tag' parameter, expecting key:value, received: ${tag}`);
    attributes.set(tag.slice(0, colon), tag.slice(colon + 1));
  }
  for (const tags of query.getAll('tags')) {
    for (const [k, v] of stringMapParam(tags, "malformed 'tags' parameter, cannot unmarshal JSON"))
      attributes.set(k, v);
  }
  const nowUs = BigInt(Date.now()) * 1000n;
  const end = int64Param(query, 'end') ?? nowUs;
  const start = int64Param(query, 'start') ?? end - DEFAULT_LOOKBACK_US;
  const durationMin = durationParam(query.get('minDuration'), "unable to parse param 'minDuration'");
  const durationMax = durationParam(query.get('maxDuration'), "unable to parse param 'maxDuration'");
  if (durationMin && durationMax && durationMax < durationMin) {
    throw new ParamError(400, "'maxDuration' should be greater than 'minDuration'");
  }
  const limit = Number(int64Param(query, 'limit') ?? 100n);
  if (limit <= 0 || limit > MAX_TRACES) {
    throw new ParamError(500, 'search depth must be greater than 0 and less than max traces');
  }
  const found = set.find(
    {
      serviceName: service,
      operationName: query.get('operation') ?? '',
      attributes,
      startTimeMin: start * 1000n,
      startTimeMax: end * 1000n,
      durationMin,
      durationMax,
    },
    limit,
  );
  return v1Ok(found);
}

export function v1Handlers(set: MockTraceSet, options: V1RouteOptions): HttpHandler[] {
  const handlers: HttpHandler[] = [];
  if (options.discovery) {
    handlers.push(
      http.get('*/api/services', () => {
        const services = set.services();
        return v1Ok(services, services.length);
      }),
      http.get(
        '*/api/operations',
        guarded((query) => {
          const service = query.get('service') ?? '';
          if (!service) throw new ParamError(400, "parameter 'service' is required");
          const ops = set.operations(service, query.get('spanKind') ?? '');
          return v1Ok(ops, ops.length);
        }),
      ),
      http.get('*/api/services/:service/operations', ({ params }) => {
        const names = [...new Set(set.operations(String(params.service)).map((o) => o.name))];
        return v1Ok(names.length ? names : null, names.length);
      }),
    );
  }
  if (options.search) {
    handlers.push(
      http.get(
        '*/api/traces',
        guarded((query) => search(set, query)),
      ),
    );
  }
  handlers.push(
    http.get('*/api/traces/:traceId', ({ params }) => {
      const trace = set.byId(String(params.traceId));
      return trace ? v1Ok([trace]) : v1Error(404, 'trace not found');
    }),
  );
  return handlers;
}

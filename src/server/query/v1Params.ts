/** Jaeger's v1 query-parameter parsing (query_parser.go), with its error messages. */
import { DurationError, parseGoDuration } from '../../core/time/goDuration';
import { HttpError } from '../http/httpError';
import type { TraceQuery } from '../storage/traceStore';
import { parseTraceIdParam } from './traceIdParam';

const DEFAULT_LOOKBACK_NS = 48n * 3600n * 1_000_000_000n;
const DEFAULT_LIMIT = 100;

export function parseInt64Param(query: URLSearchParams, name: string): bigint | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  if (!/^[+-]?\d+$/.test(raw)) {
    throw new HttpError(
      400,
      `unable to parse param '${name}': strconv.ParseInt: parsing ${JSON.stringify(raw)}: invalid syntax`,
    );
  }
  const v = BigInt(raw);
  if (v > 9223372036854775807n || v < -9223372036854775808n) {
    throw new HttpError(
      400,
      `unable to parse param '${name}': strconv.ParseInt: parsing ${JSON.stringify(raw)}: value out of range`,
    );
  }
  return v;
}

/** Go's strconv.ParseBool. */
export function parseBoolParam(query: URLSearchParams, name: string): boolean {
  const raw = query.get(name);
  if (raw === null || raw === '') return false;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(raw)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(raw)) return false;
  throw new HttpError(
    400,
    `unable to parse param '${name}': strconv.ParseBool: parsing ${JSON.stringify(raw)}: invalid syntax`,
  );
}

function durationParam(query: URLSearchParams, name: string): bigint | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  try {
    return parseGoDuration(raw);
  } catch (err) {
    if (err instanceof DurationError)
      throw new HttpError(400, `unable to parse param '${name}': ${err.message}`);
    throw err;
  }
}

export type V1SearchRequest =
  { kind: 'search'; query: TraceQuery; raw: boolean } | { kind: 'ids'; traceIds: string[]; raw: boolean };

export function parseV1Search(query: URLSearchParams, nowNs: bigint): V1SearchRequest {
  const raw = parseBoolParam(query, 'raw');
  const end = parseInt64Param(query, 'end');
  const start = parseInt64Param(query, 'start');
  const ids = query.getAll('traceID');
  if (ids.length) {
    const traceIds = ids.map((id) => {
      const parsed = /^[0-9a-fA-F]{1,32}$/.test(id) ? parseTraceIdParam(id) : null;
      if (!parsed)
        throw new HttpError(400, `cannot parse traceID param: ${JSON.stringify(id)} is not a hex trace ID`);
      return parsed;
    });
    return { kind: 'ids', traceIds, raw };
  }
  const service = query.get('service') ?? '';
  if (!service) throw new HttpError(400, "parameter 'service' is required");

  const attributes = new Map<string, string>();
  for (const tag of query.getAll('tag')) {
    const colon = tag.indexOf(':');
    if (colon < 0)
      throw new HttpError(400, `malformed 'tag' parameter, expecting key:value, received: ${tag}`);
    attributes.set(tag.slice(0, colon), tag.slice(colon + 1));
  }
  for (const tags of query.getAll('tags')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(tags);
    } catch (err) {
      throw new HttpError(
        400,
        `malformed 'tags' parameter, cannot unmarshal JSON: ${(err as Error).message}`,
      );
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new HttpError(
        400,
        "malformed 'tags' parameter, cannot unmarshal JSON: expected an object of strings",
      );
    }
    for (const [k, v] of Object.entries(parsed)) {
      if (typeof v !== 'string') {
        throw new HttpError(
          400,
          `malformed 'tags' parameter, cannot unmarshal JSON: value of ${JSON.stringify(k)} is not a string`,
        );
      }
      attributes.set(k, v);
    }
  }

  const durationMin = durationParam(query, 'minDuration');
  const durationMax = durationParam(query, 'maxDuration');
  if (durationMin && durationMax && durationMin > 0n && durationMax > 0n && durationMax < durationMin) {
    throw new HttpError(400, "'maxDuration' should be greater than 'minDuration'");
  }
  const limitRaw = parseInt64Param(query, 'limit');
  const endNs = end !== undefined ? end * 1000n : nowNs;
  const startNs = start !== undefined ? start * 1000n : nowNs - DEFAULT_LOOKBACK_NS;
  return {
    kind: 'search',
    raw,
    query: {
      serviceName: service,
      operationName: query.get('operation') ?? '',
      attributes,
      startTimeMin: startNs,
      startTimeMax: endNs,
      durationMin: durationMin && durationMin > 0n ? durationMin : undefined,
      durationMax: durationMax && durationMax > 0n ? durationMax : undefined,
      searchDepth: limitRaw === undefined ? DEFAULT_LIMIT : Number(limitRaw),
    },
  };
}

/**
 * Jaeger's parseMetricsQueryParams (query_parser.go) and the latencies handler's quantile
 * parsing, in Jaeger's order and with its exact 400 messages.
 */
import { ownValue } from '../../core/model/ownValue';
import { HttpError } from '../http/httpError';
import { GoNumError, parseGoBool, parseGoFloat, parseGoInt64 } from './goStrconv';
import type { MetricsQuery } from './reader';

export const DEFAULT_LOOKBACK_MS = 3_600_000;
export const DEFAULT_STEP_MS = 5_000;
export const DEFAULT_RATE_PER_MS = 600_000;
export const DEFAULT_SPAN_KINDS: readonly string[] = Object.freeze(['SPAN_KIND_SERVER']);

const SPAN_KINDS: Record<string, string> = {
  unspecified: 'SPAN_KIND_UNSPECIFIED',
  internal: 'SPAN_KIND_INTERNAL',
  server: 'SPAN_KIND_SERVER',
  client: 'SPAN_KIND_CLIENT',
  producer: 'SPAN_KIND_PRODUCER',
  consumer: 'SPAN_KIND_CONSUMER',
};

/** Jaeger's newParseError: `unable to parse param '<name>': <cause>`, a 400. */
function parseError(name: string, cause: string): HttpError {
  return new HttpError(400, `unable to parse param '${name}': ${cause}`);
}

function parsed<T>(name: string, parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (err instanceof GoNumError) throw parseError(name, err.message);
    throw err;
  }
}

/**
 * `quantile`, parsed first by Jaeger's latencies handler (so it is reported before any other
 * parameter). Go's FormValue: the first value, "" when absent, which ParseFloat rejects.
 */
export function parseQuantile(query: URLSearchParams): number {
  const raw = query.get('quantile') ?? '';
  return parsed('quantile', () => parseGoFloat(raw));
}

/** An int64 count of milliseconds, or the default when empty. */
function millis(query: URLSearchParams, name: string, fallback: number): number {
  const raw = query.get(name) ?? '';
  if (raw === '') return fallback;
  return Number(parsed(name, () => parseGoInt64(raw)));
}

/**
 * The services asked for. Jaeger takes every `service` value; the Jaeger UI sends several as one
 * comma-joined string (`service=a,service=b`, unencoded), which is split back here. A plain
 * comma inside a name is left alone.
 */
function services(query: URLSearchParams): string[] | null {
  if (!query.has('service')) return null;
  return query.getAll('service').flatMap((v) => v.split(',service='));
}

export function parseMetricsQuery(query: URLSearchParams, nowMs: number): MetricsQuery {
  const names = services(query);
  if (!names) throw parseError('service', 'please provide at least one service name');
  const rawGroup = query.get('groupByOperation') ?? '';
  const groupByOperation = rawGroup !== '' && parsed('groupByOperation', () => parseGoBool(rawGroup));
  let spanKinds = [...DEFAULT_SPAN_KINDS];
  if (query.has('spanKind')) {
    spanKinds = query.getAll('spanKind').map((k) => {
      const mapped = ownValue(SPAN_KINDS, k.toLowerCase());
      if (!mapped) throw parseError('spanKind', `unsupported span kind: '${k}'`);
      return mapped;
    });
  }
  return {
    services: names,
    groupByOperation,
    spanKinds,
    endMs: millis(query, 'endTs', nowMs),
    lookbackMs: millis(query, 'lookback', DEFAULT_LOOKBACK_MS),
    stepMs: millis(query, 'step', DEFAULT_STEP_MS),
    ratePerMs: millis(query, 'ratePer', DEFAULT_RATE_PER_MS),
  };
}

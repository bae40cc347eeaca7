/**
 * Jaeger v2.20's API v3 HTTP parameter parsing (apiv3/query_parser.go, http_gateway.go): the
 * canonical camelCase names with their snake_case aliases, and the error messages, each
 * `malformed parameter <name as sent>: <Go error>`.
 */
import { normalizeTraceId } from '../../core/model/ids';
import { DurationError, parseGoDuration } from '../../core/time/goDuration';
import { GO_ZERO_TIME_NS, parseRfc3339Nano, TimeParseError } from '../../core/time/rfc3339';
import { HttpError } from '../http/httpError';
import type { TraceQuery } from '../storage/traceStore';
import { GoJsonError, parseGoStringMap } from './goJson';
import { parseTraceIdParam } from './traceIdParam';

const DEFAULT_SEARCH_DEPTH = 100;

/** The canonical name's value when non-empty, else the alias's; with the name that gave it. */
export function aliasedParam(query: URLSearchParams, canonical: string, alias: string): [string, string] {
  const value = query.get(canonical) ?? '';
  return value !== '' ? [value, canonical] : [query.get(alias) ?? '', alias];
}

const malformed = (name: string, detail: string) =>
  new HttpError(400, `malformed parameter ${name}: ${detail}`);

function quote(text: string): string {
  return JSON.stringify(text);
}

function timeParam(value: string, name: string): bigint {
  try {
    return parseRfc3339Nano(value);
  } catch (err) {
    if (err instanceof TimeParseError) throw malformed(name, err.message);
    throw err;
  }
}

function durationParam(value: string, name: string): bigint {
  try {
    return parseGoDuration(value);
  } catch (err) {
    if (err instanceof DurationError) throw malformed(name, err.message);
    throw err;
  }
}

/** strconv.ParseBool. */
function boolParam(value: string, name: string): boolean {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  throw malformed(name, `strconv.ParseBool: parsing ${quote(value)}: invalid syntax`);
}

/** strconv.Atoi on a 64-bit platform. */
function atoiParam(value: string, name: string): number {
  if (!/^[+-]?\d+$/.test(value))
    throw malformed(name, `strconv.Atoi: parsing ${quote(value)}: invalid syntax`);
  const n = BigInt(value);
  if (n > 9223372036854775807n || n < -9223372036854775808n)
    throw malformed(name, `strconv.Atoi: parsing ${quote(value)}: value out of range`);
  return Number(n);
}

/**
 * The trace ID of `/api/v3/traces/{trace_id}`: hex first, then base64 (as in the v1 API). A
 * text that is neither gets model.TraceIDFromString's complaint about its hex form.
 */
export function parseV3TraceId(text: string): string {
  const id = parseTraceIdParam(text);
  if (id) return id;
  if (text.length > 32)
    throw malformed('trace_id', `TraceID cannot be longer than 32 hex characters: ${text}`);
  // Go parses the high part (all but the last 16 digits) first, then the low part.
  const parts = text.length > 16 ? [text.slice(0, text.length - 16), text.slice(-16)] : [text];
  const bad = parts.find((p) => normalizeTraceId(p) === null) ?? text;
  throw malformed('trace_id', `strconv.ParseUint: parsing ${quote(bad)}: invalid syntax`);
}

export interface V3GetTraceRequest {
  traceId: string;
  raw: boolean;
}

export function parseV3GetTrace(pathId: string, query: URLSearchParams): V3GetTraceRequest {
  const traceId = parseV3TraceId(pathId);
  // Storage hints only (the memory store ignores them), but a malformed one is still refused.
  for (const [canonical, alias] of [
    ['startTime', 'start_time'],
    ['endTime', 'end_time'],
  ]) {
    const [value, name] = aliasedParam(query, canonical, alias);
    if (value !== '') timeParam(value, name);
  }
  const [raw, rawName] = aliasedParam(query, 'rawTraces', 'raw_traces');
  return { traceId, raw: raw !== '' && boolParam(raw, rawName) };
}

export interface V3SearchRequest {
  query: TraceQuery;
  raw: boolean;
}

/** The search of `/api/v3/traces` and `/api/v3/trace-summaries`, checked in Jaeger's order. */
export function parseV3Search(q: URLSearchParams): V3SearchRequest {
  const [serviceName] = aliasedParam(q, 'query.serviceName', 'query.service_name');
  const [operationName] = aliasedParam(q, 'query.operationName', 'query.operation_name');
  let attributes = new Map<string, string>();
  const attributesJson = q.get('query.attributes') ?? '';
  if (attributesJson !== '') {
    try {
      attributes = parseGoStringMap(attributesJson);
    } catch (err) {
      if (err instanceof GoJsonError) throw malformed('query.attributes', err.message);
      throw err;
    }
  }

  const [minText, minName] = aliasedParam(q, 'query.startTimeMin', 'query.start_time_min');
  const [maxText, maxName] = aliasedParam(q, 'query.startTimeMax', 'query.start_time_max');
  if (minText === '' || maxText === '')
    throw new HttpError(400, 'query.startTimeMin and query.startTimeMax are required');
  const startTimeMin = timeParam(minText, minName);
  const startTimeMax = timeParam(maxText, maxName);
  if (!(startTimeMin < startTimeMax))
    throw new HttpError(400, 'query.startTimeMin must be before query.startTimeMax');

  let [depthText, depthName] = aliasedParam(q, 'query.searchDepth', 'query.search_depth');
  if (depthText === '') [depthText, depthName] = [q.get('query.num_traces') ?? '', 'query.num_traces'];
  const searchDepth = depthText === '' ? DEFAULT_SEARCH_DEPTH : atoiParam(depthText, depthName);

  const [dMinText, dMinName] = aliasedParam(q, 'query.durationMin', 'query.duration_min');
  const durationMin = dMinText === '' ? undefined : durationParam(dMinText, dMinName);
  const [dMaxText, dMaxName] = aliasedParam(q, 'query.durationMax', 'query.duration_max');
  const durationMax = dMaxText === '' ? undefined : durationParam(dMaxText, dMaxName);
  const [rawText, rawName] = aliasedParam(q, 'query.rawTraces', 'query.raw_traces');
  const raw = rawText !== '' && boolParam(rawText, rawName);

  return {
    raw,
    query: {
      serviceName,
      operationName,
      attributes,
      // Go's zero time.Time is how the storage is told "no bound".
      startTimeMin: startTimeMin === GO_ZERO_TIME_NS ? undefined : startTimeMin,
      startTimeMax: startTimeMax === GO_ZERO_TIME_NS ? undefined : startTimeMax,
      durationMin,
      durationMax,
      searchDepth,
    },
  };
}

/**
 * The search as it lives in the URL, with Jaeger UI's parameters so a link from any Jaeger UI
 * reproduces the search here and the other way round:
 * `service`, `operation`, `tags` (a JSON object of strings, which Jaeger UI makes from the logfmt
 * box; the older repeated `tag=key:value` is read too), `lookback` (`1h`… or `custom`), `start` and
 * `end` (epoch µs), `minDuration`, `maxDuration` (Go syntax), `limit`.
 * Tracelens adds `spanKind` and `sort`, which Jaeger UI ignores.
 */
import { parseLookbackUs } from '../../api/lookback';
import { uiConfig } from '../../config/runtimeConfig';
import type { TraceSearchRequest } from '../../api/traceSearchRequest';
import { parseLogfmt } from '../../../core/search/logfmt';
import { formatStartTime } from '../../format/time';
import { LOOKBACK_OPTIONS, SPAN_KINDS } from '../../components/timeRangeOptions';
import { isSortOrder, type SortOrder } from './resultRows';

// `search` in the UI config (Jaeger UI's file) sets the default lookback, the longest and the limit.
const searchConfig = uiConfig().search;
export const DEFAULT_LOOKBACK = searchConfig.defaultLookback;
export const CUSTOM_LOOKBACK = 'custom';
export const MAX_LIMIT = searchConfig.maxLimit;
export const DEFAULT_LIMIT = Math.min(20, MAX_LIMIT);

const UNIT_NAMES: Record<string, string> = { m: 'minute', h: 'hour', d: 'day', w: 'week' };

/** "Last 2 hours" for the known options, and a readable label for any other valid lookback. */
export function lookbackLabel(lookback: string): string {
  if (lookback === CUSTOM_LOOKBACK) return 'Custom time range';
  const known = LOOKBACK_OPTIONS.find((o) => o.value === lookback);
  if (known) return known.label;
  const match = /^(\d+)([mhdw])$/.exec(lookback);
  if (!match) return lookback;
  const amount = Number(match[1]);
  const unit = UNIT_NAMES[match[2]];
  return amount === 1 ? `Last ${unit}` : `Last ${amount} ${unit}s`;
}

export interface SearchUrlState {
  /** Whether the URL asks for a search at all (bare `/search` does not). */
  isSearch: boolean;
  /** null = every service. */
  service: string | null;
  operation: string | null;
  spanKind: string | null;
  tags: Record<string, string>;
  /** Why the URL's tags could not be read, if they could not. */
  tagsProblem: string | null;
  lookback: string;
  /** Epoch µs, when the URL fixes the window. */
  start: number | null;
  end: number | null;
  minDuration: string | null;
  maxDuration: string | null;
  limit: number;
  sort: SortOrder;
}

function microsParam(params: URLSearchParams, name: string): number | null {
  const raw = params.get(name);
  return raw !== null && /^\d+$/.test(raw) ? Number(raw) : null;
}

function text(params: URLSearchParams, name: string): string | null {
  return params.get(name)?.trim() || null;
}

function readTags(params: URLSearchParams): { tags: Record<string, string>; problem: string | null } {
  const tags: Record<string, string> = {};
  // Jaeger UI before the logfmt box: `tag=http.status_code:500`, repeated.
  for (const tag of params.getAll('tag')) {
    const colon = tag.indexOf(':');
    if (colon > 0) tags[tag.slice(0, colon)] = tag.slice(colon + 1);
  }
  const json = params.get('tags');
  if (!json) return { tags, problem: null };
  try {
    const parsed: unknown = JSON.parse(json);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new Error('not an object');
    for (const [k, v] of Object.entries(parsed)) tags[k] = String(v);
    return { tags, problem: null };
  } catch {
    // Hand-written links sometimes carry the logfmt text itself.
    const logfmt = parseLogfmt(json);
    if (logfmt.ok) return { tags: { ...tags, ...logfmt.pairs }, problem: null };
    return { tags, problem: `The link's tags could not be read: ${logfmt.problem.message}` };
  }
}

/** Reads the URL leniently: a bad value falls back to its default rather than blocking the search. */
export function readSearchUrl(params: URLSearchParams): SearchUrlState {
  const lookbackParam = params.get('lookback') ?? '';
  const start = microsParam(params, 'start');
  const end = microsParam(params, 'end');
  const lookback =
    lookbackParam === CUSTOM_LOOKBACK || parseLookbackUs(lookbackParam) !== null
      ? lookbackParam
      : DEFAULT_LOOKBACK;
  const limitParam = Number(params.get('limit') ?? DEFAULT_LIMIT);
  const limit =
    Number.isInteger(limitParam) && limitParam >= 1 ? Math.min(limitParam, MAX_LIMIT) : DEFAULT_LIMIT;
  const operation = text(params, 'operation');
  const spanKind = text(params, 'spanKind')?.toLowerCase() ?? null;
  const sort = params.get('sort');
  const { tags, problem } = readTags(params);
  return {
    isSearch: ['service', 'lookback', 'start', 'end'].some((name) => params.has(name)),
    service: text(params, 'service'),
    // Jaeger UI's "All Operations" was once written as `operation=all`.
    operation: operation === 'all' ? null : operation,
    spanKind: spanKind && (SPAN_KINDS as readonly string[]).includes(spanKind) ? spanKind : null,
    tags,
    tagsProblem: problem,
    lookback: lookback === CUSTOM_LOOKBACK && (start === null || end === null) ? DEFAULT_LOOKBACK : lookback,
    start,
    end,
    minDuration: text(params, 'minDuration'),
    maxDuration: text(params, 'maxDuration'),
    limit,
    sort: sort && isSortOrder(sort) ? sort : 'most-recent',
  };
}

/** The window searched: the URL's start/end when it has them (a shared link shows the same traces), else the lookback up to now. */
export function searchWindow(state: SearchUrlState, nowUs: number): { startUs: number; endUs: number } {
  if (state.start !== null && state.end !== null) return { startUs: state.start, endUs: state.end };
  const span = parseLookbackUs(state.lookback) ?? (parseLookbackUs(DEFAULT_LOOKBACK) as number);
  return { startUs: nowUs - span, endUs: nowUs };
}

/** The request to send, with the span kind folded into the attributes (`span.kind` is a searchable key everywhere). */
export function searchRequest(state: SearchUrlState, nowUs: number): TraceSearchRequest {
  const { startUs, endUs } = searchWindow(state, nowUs);
  const tags = state.spanKind ? { ...state.tags, 'span.kind': state.spanKind } : state.tags;
  return {
    service: state.service,
    operation: state.operation,
    tags,
    startUs,
    endUs,
    minDuration: state.minDuration,
    maxDuration: state.maxDuration,
    limit: state.limit,
    lookback: state.lookback,
  };
}

export interface SearchUrlFields {
  service: string | null;
  operation: string | null;
  spanKind: string | null;
  tags: Readonly<Record<string, string>>;
  lookback: string;
  startUs: number;
  endUs: number;
  minDuration: string | null;
  maxDuration: string | null;
  limit: number;
  sort: SortOrder;
}

/** The URL of a search, in Jaeger UI's parameter order; empty fields are left out. */
export function searchUrlParams(fields: SearchUrlFields): URLSearchParams {
  const params = new URLSearchParams();
  if (fields.service) params.set('service', fields.service);
  if (fields.operation) params.set('operation', fields.operation);
  if (fields.spanKind) params.set('spanKind', fields.spanKind);
  if (Object.keys(fields.tags).length > 0) params.set('tags', JSON.stringify(fields.tags));
  params.set('lookback', fields.lookback);
  params.set('start', String(Math.round(fields.startUs)));
  params.set('end', String(Math.round(fields.endUs)));
  if (fields.minDuration) params.set('minDuration', fields.minDuration);
  if (fields.maxDuration) params.set('maxDuration', fields.maxDuration);
  params.set('limit', String(fields.limit));
  if (fields.sort !== 'most-recent') params.set('sort', fields.sort);
  return params;
}

/** "for frontend in the last hour", "in every service between Nov 24, 14:00 and …". */
export function describeSearch(state: SearchUrlState): string {
  const who = state.service ? `for ${state.service}` : 'in any service';
  const when =
    state.lookback === CUSTOM_LOOKBACK && state.start !== null && state.end !== null
      ? `between ${formatStartTime(state.start)} and ${formatStartTime(state.end)}`
      : `in the ${lookbackLabel(state.lookback).toLowerCase()}`;
  return `${who} ${when}`;
}

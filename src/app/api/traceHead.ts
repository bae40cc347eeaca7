/**
 * The first rows of a trace from Tracelens' own backend (`GET api/traces/{id}/head`, see
 * docs/trace-head-api.md), so the trace page can draw its first screen while the full trace
 * downloads. Other backends have no such route: they answer 404 or something else, the page
 * then simply waits for the full trace, and this session asks them no more.
 */
import type { TraceHead, TraceHeadRow } from '../../core/tree/traceHead';
import { apiUrl } from '../basePath';
import { authorizationHeaders } from './queryToken';

/** Rows asked for: a tall screen of rows, with room for the page's header above them. */
export const HEAD_ROWS = 80;

let unsupported = false;

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isString = (v: unknown): v is string => typeof v === 'string';

function readRow(value: unknown, index: number): TraceHeadRow | null {
  if (typeof value !== 'object' || value === null) return null;
  const r = value as Record<string, unknown>;
  const ok =
    isString(r.spanId) &&
    isNumber(r.parentRow) &&
    r.parentRow < index &&
    isNumber(r.depth) &&
    isNumber(r.childCount) &&
    isNumber(r.startUs) &&
    isNumber(r.durationUs) &&
    isString(r.service) &&
    isString(r.operation) &&
    isString(r.kind) &&
    typeof r.error === 'boolean';
  return ok ? (r as unknown as TraceHeadRow) : null;
}

/** The body as a TraceHead, or null when it is not one (another backend's answer). */
export function readTraceHead(body: unknown): TraceHead | null {
  if (typeof body !== 'object' || body === null) return null;
  const b = body as Record<string, unknown>;
  if (!isString(b.traceId) || !isNumber(b.spanCount) || !isNumber(b.serviceCount)) return null;
  if (!isNumber(b.startUs) || !isNumber(b.durationUs) || !Array.isArray(b.rows)) return null;
  const rows: TraceHeadRow[] = [];
  for (const [i, value] of b.rows.entries()) {
    const row = readRow(value, i);
    if (!row) return null;
    rows.push(row);
  }
  return {
    traceId: b.traceId,
    spanCount: b.spanCount,
    serviceCount: b.serviceCount,
    startUs: b.startUs,
    durationUs: b.durationUs,
    rows,
  };
}

/**
 * The trace's head, or null when the backend has none to give (not Tracelens, trace not found,
 * network trouble): the full download reports those, this is only a head start.
 */
export async function fetchTraceHead(traceId: string, signal?: AbortSignal): Promise<TraceHead | null> {
  if (unsupported) return null;
  const url = apiUrl(
    `api/traces/${encodeURIComponent(traceId)}/head`,
    new URLSearchParams({ rows: `${HEAD_ROWS}` }),
  );
  try {
    const response = await fetch(url, {
      headers: { Accept: 'application/json', ...authorizationHeaders() },
      signal,
    });
    if (!response.ok) {
      // Jaeger answers the unknown route with Go's `404 page not found`; Tracelens answers a
      // missing trace with its error envelope, and a head for the next trace may well exist.
      if (response.status === 404) unsupported = !(await response.text()).includes('trace not found');
      return null;
    }
    // Some backends answer every unknown path with their UI's HTML (Tempo): not a head either.
    const head = readTraceHead(await response.json().catch(() => null));
    if (!head) unsupported = true;
    return head;
  } catch {
    return null;
  }
}

/** For tests: forget that a backend had no head route. */
export function resetTraceHeadSupport(): void {
  unsupported = false;
}

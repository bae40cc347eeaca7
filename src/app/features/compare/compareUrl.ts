/**
 * Jaeger UI's compare URL: `/trace/<A>...<B>?cohort=<id>&cohort=<id>`. Either side may be empty
 * (`/trace/<A>...` is a comparison waiting for its B); the cohort lists the traces offered as
 * choices (the search page puts the selected ones there).
 */

const SEPARATOR = '...';

/** Whether a `/trace/:id` path parameter is a comparison rather than one trace. */
export function isCompareParam(param: string): boolean {
  return param.includes(SEPARATOR);
}

export interface CompareSides {
  /** As written in the URL, trimmed; '' when not chosen. */
  a: string;
  b: string;
}

export function parseCompareParam(param: string): CompareSides {
  const at = param.indexOf(SEPARATOR);
  if (at < 0) return { a: param.trim(), b: '' };
  return { a: param.slice(0, at).trim(), b: param.slice(at + SEPARATOR.length).trim() };
}

/** What is wrong with a trace ID typed or linked for comparison, or null when it is usable. */
export function compareIdProblem(text: string): string | null {
  if (text === '') return 'Enter a trace ID.';
  if (!/^[0-9a-f]*$/i.test(text)) return 'A trace ID uses only the digits 0–9 and the letters a–f.';
  if (text.length !== 16 && text.length !== 32) {
    return `A trace ID has 16 or 32 hexadecimal digits; this one has ${text.length}.`;
  }
  return null;
}

/** The ID as the URL and the API take it: lower case, a zero high half dropped (as Jaeger shows it). */
export function canonicalTraceId(text: string): string {
  const id = text.toLowerCase();
  return id.length === 32 && id.startsWith('0000000000000000') ? id.slice(16) : id;
}

/** Cohort IDs from the query string: valid ones only, canonical, without repeats, in order. */
export function cohortOf(search: URLSearchParams): string[] {
  const ids: string[] = [];
  for (const raw of search.getAll('cohort')) {
    const text = raw.trim();
    if (compareIdProblem(text) !== null) continue;
    const id = canonicalTraceId(text);
    if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

export function compareHref(a: string, b: string, cohort: readonly string[] = []): string {
  const ids = [...cohort];
  for (const id of [a, b]) if (id && !ids.includes(id)) ids.push(id);
  const query = new URLSearchParams(ids.map((id) => ['cohort', id])).toString();
  return `/trace/${a}${SEPARATOR}${b}${query ? `?${query}` : ''}`;
}

/** The single-trace page, opened on one span. */
export function spanHref(traceId: string, spanId: string): string {
  return `/trace/${traceId}?${new URLSearchParams({ span: spanId }).toString()}`;
}

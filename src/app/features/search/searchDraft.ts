/**
 * The search form's text, as typed, and what is wrong with it. Every check runs here, before any
 * request: the backend would refuse the same input with a less helpful message, or (for logfmt)
 * silently search for something else.
 */
import { parseLookbackUs } from '../../api/lookback';
import { formatLogfmt, parseLogfmt } from '../../../core/search/logfmt';
import { DurationError, parseGoDuration } from '../../../core/time/goDuration';
import type { SortOrder } from './resultRows';
import { CUSTOM_LOOKBACK, MAX_LIMIT, searchUrlParams, searchWindow, type SearchUrlState } from './searchUrl';

/** The "All services" choice in the service list (Jaeger UI's sentinel value). */
export const ALL_SERVICES = '__all_services__';

export interface SearchDraft {
  /** '' = nothing chosen yet; ALL_SERVICES = every service. */
  service: string;
  /** '' = all operations. */
  operation: string;
  /** '' = any kind. */
  spanKind: string;
  /** logfmt. */
  tags: string;
  lookback: string;
  /** `<input type="datetime-local">` values, local time. */
  start: string;
  end: string;
  minDuration: string;
  maxDuration: string;
  limit: string;
}

export type DraftField = keyof SearchDraft;
export type DraftProblems = Partial<Record<DraftField, string>>;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * A local `YYYY-MM-DDTHH:mm[:ss]` for datetime-local inputs, in the normalized form the input
 * itself reports (seconds only when not zero).
 */
export function localDateTime(epochUs: number): string {
  const d = new Date(epochUs / 1000);
  const seconds = d.getSeconds() ? `:${pad(d.getSeconds())}` : '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}${seconds}`;
}

/** Epoch µs of a datetime-local value, or null when it is not one. */
export function parseLocalDateTime(text: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/.test(text)) return null;
  const ms = new Date(text).getTime();
  return Number.isNaN(ms) ? null : ms * 1000;
}

export function draftFromUrl(
  state: SearchUrlState,
  nowUs: number,
  fallbackService: string | null,
): SearchDraft {
  const { startUs, endUs } = searchWindow(state, nowUs);
  const service = state.isSearch ? (state.service ?? ALL_SERVICES) : (fallbackService ?? '');
  return {
    service,
    operation: state.operation ?? '',
    spanKind: state.spanKind ?? '',
    tags: formatLogfmt(state.tags),
    lookback: state.lookback,
    start: localDateTime(startUs),
    end: localDateTime(endUs),
    minDuration: state.minDuration ?? '',
    maxDuration: state.maxDuration ?? '',
    limit: String(state.limit),
  };
}

/** What is wrong with a typed limit, or null. */
export function limitProblem(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return `Enter how many traces to show, from 1 to ${MAX_LIMIT}.`;
  const value = Number(trimmed);
  if (!/^\d+$/.test(trimmed) || value < 1 || value > MAX_LIMIT) {
    return `Enter a whole number from 1 to ${MAX_LIMIT}.`;
  }
  return null;
}

/** Nanoseconds, or the problem with the text, in Go's duration syntax (what the backends parse). */
function duration(raw: string): { ns: bigint } | { problem: string } {
  const text = raw.trim();
  if (/\s/.test(text)) return { problem: `Write it without spaces, e.g. ${text.replace(/\s+/g, '')}.` };
  try {
    const ns = parseGoDuration(text);
    if (ns <= 0n) return { problem: 'Enter a duration longer than zero.' };
    return { ns };
  } catch (error) {
    if (!(error instanceof DurationError)) throw error;
    if (/missing unit/.test(error.message)) return { problem: `Add a unit, e.g. ${text}ms or ${text}s.` };
    const unit = /unknown unit "([^"]*)"/.exec(error.message)?.[1];
    if (unit !== undefined) return { problem: `"${unit}" is not a unit; use ns, us, ms, s, m or h.` };
    return { problem: `"${text}" is not a duration; write a number and a unit, e.g. 100ms or 1.2s.` };
  }
}

export function draftProblems(draft: SearchDraft, allowAllServices: boolean): DraftProblems {
  const problems: DraftProblems = {};
  if (draft.service === '') problems.service = 'Choose a service to search.';
  else if (draft.service === ALL_SERVICES && !allowAllServices) {
    problems.service = 'This backend searches one service at a time: choose a service.';
  }
  if (draft.tags.trim() !== '') {
    const tags = parseLogfmt(draft.tags);
    if (!tags.ok) problems.tags = tags.problem.message;
  }
  const min = draft.minDuration.trim() ? duration(draft.minDuration) : null;
  const max = draft.maxDuration.trim() ? duration(draft.maxDuration) : null;
  if (min && 'problem' in min) problems.minDuration = min.problem;
  if (max && 'problem' in max) problems.maxDuration = max.problem;
  if (min && max && 'ns' in min && 'ns' in max && max.ns < min.ns) {
    problems.maxDuration = `Enter a maximum no shorter than the minimum (${draft.minDuration.trim()}).`;
  }
  const limit = limitProblem(draft.limit);
  if (limit) problems.limit = limit;
  if (draft.lookback === CUSTOM_LOOKBACK) {
    const start = parseLocalDateTime(draft.start);
    const end = parseLocalDateTime(draft.end);
    if (start === null) problems.start = 'Enter the start date and time.';
    if (end === null) problems.end = 'Enter the end date and time.';
    if (start !== null && end !== null && end <= start) problems.end = 'Enter an end after the start.';
  }
  return problems;
}

export function hasProblems(problems: DraftProblems): boolean {
  return Object.keys(problems).length > 0;
}

/**
 * The URL for a valid draft. A lookback becomes an explicit window ending now, as Jaeger UI writes
 * it, so the link shows the same traces later and opens the same search in Jaeger UI.
 */
export function draftToUrl(draft: SearchDraft, nowUs: number, sort: SortOrder): URLSearchParams {
  const tags = draft.tags.trim() ? parseLogfmt(draft.tags) : null;
  const custom = draft.lookback === CUSTOM_LOOKBACK;
  const span = parseLookbackUs(draft.lookback) ?? 3600e6;
  return searchUrlParams({
    service: draft.service === ALL_SERVICES ? null : draft.service,
    operation: draft.operation || null,
    spanKind: draft.spanKind || null,
    tags: tags?.ok ? tags.pairs : {},
    lookback: draft.lookback,
    startUs: custom ? (parseLocalDateTime(draft.start) ?? nowUs - span) : nowUs - span,
    endUs: custom ? (parseLocalDateTime(draft.end) ?? nowUs) : nowUs,
    minDuration: draft.minDuration.trim() || null,
    maxDuration: draft.maxDuration.trim() || null,
    limit: Number(draft.limit.trim()),
    sort,
  });
}

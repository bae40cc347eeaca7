import { describe, expect, it } from 'vitest';
import {
  draftProblems,
  draftToUrl,
  draftFromUrl,
  limitProblem,
  localDateTime,
  ALL_SERVICES,
} from './searchDraft';
import { lookbackLabel, readSearchUrl, searchRequest, searchUrlParams } from './searchUrl';

/** A search URL exactly as Jaeger UI ≤ 2.18 writes it (SearchForm submitForm, url.ts). */
const JAEGER_UI_URL =
  'end=1764000000000000&limit=20&lookback=1h&maxDuration&minDuration&service=frontend&start=1763996400000000';

describe('readSearchUrl', () => {
  it("reads Jaeger UI's search URL, empty durations included", () => {
    const state = readSearchUrl(new URLSearchParams(JAEGER_UI_URL));
    expect(state).toMatchObject({
      isSearch: true,
      service: 'frontend',
      operation: null,
      lookback: '1h',
      start: 1_763_996_400_000_000,
      end: 1_764_000_000_000_000,
      minDuration: null,
      maxDuration: null,
      limit: 20,
      sort: 'most-recent',
    });
    // The link's window is kept, so the same traces show up later.
    expect(searchRequest(state, 0)).toMatchObject({
      startUs: 1_763_996_400_000_000,
      endUs: 1_764_000_000_000_000,
    });
  });

  it('reads tags as Jaeger UI encodes them (JSON of strings), the older tag=key:value, and operation=all', () => {
    const json = readSearchUrl(
      new URLSearchParams({ service: 'a', tags: '{"error":"true","http.status_code":"500"}' }),
    );
    expect(json.tags).toEqual({ error: 'true', 'http.status_code': '500' });
    const old = readSearchUrl(
      new URLSearchParams('service=a&tag=http.url:http://x:8080/a&tag=error:true&operation=all'),
    );
    expect(old.tags).toEqual({ 'http.url': 'http://x:8080/a', error: 'true' });
    expect(old.operation).toBeNull();
    expect(readSearchUrl(new URLSearchParams('service=a&tags=error%3Dtrue')).tags).toEqual({ error: 'true' });
    expect(readSearchUrl(new URLSearchParams('service=a&tags=a%3D%22x')).tagsProblem).toMatch(/never closed/);
  });

  it('reads a custom range, and falls back to defaults for missing or unusable values', () => {
    expect(readSearchUrl(new URLSearchParams('lookback=custom&start=1&end=2'))).toMatchObject({
      lookback: 'custom',
      start: 1,
      end: 2,
      service: null,
    });
    expect(readSearchUrl(new URLSearchParams('lookback=custom&limit=abc'))).toMatchObject({
      lookback: '1h',
      limit: 20,
    });
    expect(readSearchUrl(new URLSearchParams('service=a&limit=99999')).limit).toBe(1500);
    expect(readSearchUrl(new URLSearchParams('service=a&sort=sideways')).sort).toBe('most-recent');
    expect(readSearchUrl(new URLSearchParams('')).isSearch).toBe(false);
    expect(readSearchUrl(new URLSearchParams('lookback=2h')).isSearch).toBe(true);
  });

  it('folds the span kind into the attributes searched', () => {
    const state = readSearchUrl(new URLSearchParams('service=a&spanKind=SERVER&tags={"error":"true"}'));
    expect(searchRequest(state, 0).tags).toEqual({ error: 'true', 'span.kind': 'server' });
  });

  it('round-trips every field through the URL', () => {
    const fields = {
      service: 'frontend',
      operation: 'HTTP GET /dispatch',
      spanKind: 'server',
      tags: { 'db.statement': 'select * from "users"', error: 'true' },
      lookback: 'custom',
      startUs: 1_000_000,
      endUs: 2_000_000,
      minDuration: '100ms',
      maxDuration: '1.2s',
      limit: 50,
      sort: 'longest' as const,
    };
    const state = readSearchUrl(searchUrlParams(fields));
    expect(state).toMatchObject({
      service: fields.service,
      operation: fields.operation,
      spanKind: 'server',
      tags: fields.tags,
      lookback: 'custom',
      start: 1_000_000,
      end: 2_000_000,
      minDuration: '100ms',
      maxDuration: '1.2s',
      limit: 50,
      sort: 'longest',
    });
  });
});

describe('the form draft', () => {
  const nowUs = 1_764_000_000_000_000;

  it('shows the URL in the form, tags as logfmt, and writes the same search back', () => {
    const state = readSearchUrl(
      new URLSearchParams(`${JAEGER_UI_URL}&tags=${encodeURIComponent('{"q":"a b"}')}`),
    );
    const draft = draftFromUrl(state, nowUs, null);
    expect(draft).toMatchObject({ service: 'frontend', tags: 'q="a b"', lookback: '1h', limit: '20' });
    expect(draft.end).toBe(localDateTime(1_764_000_000_000_000));
    const back = readSearchUrl(draftToUrl({ ...draft, lookback: 'custom' }, nowUs, 'most-recent'));
    expect(back).toMatchObject({
      service: 'frontend',
      tags: { q: 'a b' },
      start: state.start,
      end: state.end,
    });
  });

  it('writes "All services" as a search without a service', () => {
    const draft = draftFromUrl(readSearchUrl(new URLSearchParams('lookback=1h')), nowUs, null);
    expect(draft.service).toBe(ALL_SERVICES);
    expect(draftToUrl(draft, nowUs, 'most-recent').has('service')).toBe(false);
  });

  it('finds every problem before anything is sent', () => {
    const ok = draftFromUrl(readSearchUrl(new URLSearchParams('service=a')), nowUs, null);
    expect(draftProblems(ok, false)).toEqual({});
    expect(draftProblems({ ...ok, service: '' }, true).service).toBe('Choose a service to search.');
    expect(draftProblems({ ...ok, service: ALL_SERVICES }, false).service).toMatch(/one service at a time/);
    expect(draftProblems({ ...ok, tags: 'a=' }, false).tags).toMatch(/has no value/);
    expect(draftProblems({ ...ok, minDuration: '10' }, false).minDuration).toBe(
      'Add a unit, e.g. 10ms or 10s.',
    );
    expect(draftProblems({ ...ok, minDuration: '0s' }, false).minDuration).toBe(
      'Enter a duration longer than zero.',
    );
    expect(draftProblems({ ...ok, minDuration: '2s', maxDuration: '1500ms' }, false).maxDuration).toBe(
      'Enter a maximum no shorter than the minimum (2s).',
    );
    expect(draftProblems({ ...ok, minDuration: '1h30m', maxDuration: '2h' }, false)).toEqual({});
    const custom = { ...ok, lookback: 'custom', start: '2025-11-24T16:00', end: '2025-11-24T15:00' };
    expect(draftProblems(custom, false).end).toBe('Enter an end after the start.');
    expect(draftProblems({ ...custom, start: '' }, false).start).toBe('Enter the start date and time.');
  });
});

describe('lookbackLabel', () => {
  it('names the options and any other lookback from a link', () => {
    expect(lookbackLabel('1h')).toBe('Last hour');
    expect(lookbackLabel('30m')).toBe('Last 30 minutes');
    expect(lookbackLabel('3d')).toBe('Last 3 days');
    expect(lookbackLabel('custom')).toBe('Custom time range');
  });
});

describe('limitProblem', () => {
  it('accepts whole numbers from 1 to 1500 only', () => {
    expect(limitProblem('1')).toBeNull();
    expect(limitProblem(' 1500 ')).toBeNull();
    expect(limitProblem('0')).toMatch(/1 to 1500/);
    expect(limitProblem('1501')).toMatch(/1 to 1500/);
    expect(limitProblem('2.5')).toMatch(/whole number/);
    expect(limitProblem('')).toMatch(/how many/);
  });
});

import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { DISPATCH_START_US, DISPATCH_TRACE_ID } from '../../../mocks/data/dispatchTrace';
import { mockTraces } from '../../../mocks/handlers';
import { generationHandlers, generationNames, generations } from '../../../mocks/generations';
import { setupMswServer } from '../../../mocks/node';
import { recordRequests } from '../../../mocks/recordRequests';
import { searchTraces } from './traceSearch';
import { rfc3339FromMicros, type TraceSearchRequest } from './traceSearchRequest';

const server = setupMswServer();

const request: TraceSearchRequest = {
  service: 'frontend',
  operation: 'HTTP GET /dispatch',
  tags: { 'http.method': 'GET' },
  startUs: 1_764_000_000_000_000 - 3600e6,
  endUs: 1_764_000_000_000_000 + 1_234_567,
  minDuration: '100ms',
  maxDuration: '1.2s',
  limit: 20,
  lookback: '1h',
};

describe('the wire format of each search API', () => {
  it('v1 sends what Jaeger UI ≤ 2.18 sends', async () => {
    const requests = recordRequests(server);
    await searchTraces('v1', request);
    requests.stop();
    expect(Object.fromEntries(requests.to('api/traces')[0].searchParams)).toEqual({
      service: 'frontend',
      operation: 'HTTP GET /dispatch',
      tags: '{"http.method":"GET"}',
      start: String(request.startUs),
      end: String(request.endUs),
      limit: '20',
      lookback: '1h',
      minDuration: '100ms',
      maxDuration: '1.2s',
    });
  });

  it('v3 trace-summaries sends what Jaeger UI ≥ 2.19 sends, with microsecond times', async () => {
    const requests = recordRequests(server);
    await searchTraces('v3-summaries', { ...request, service: null });
    requests.stop();
    expect(Object.fromEntries(requests.to('api/v3/trace-summaries')[0].searchParams)).toEqual({
      'query.operationName': 'HTTP GET /dispatch',
      'query.startTimeMin': '2025-11-24T15:00:00.000000Z',
      'query.startTimeMax': '2025-11-24T16:00:01.234567Z',
      'query.searchDepth': '20',
      'query.durationMin': '100ms',
      'query.durationMax': '1.2s',
      'query.attributes': '{"http.method":"GET"}',
    });
  });

  it('v3 traces also sends the snake_case names older releases read, and takes a 404 as "none"', async () => {
    const requests = recordRequests(server);
    expect(await searchTraces('v3-traces', { ...request, service: 'nobody' })).toEqual([]);
    requests.stop();
    const params = requests.to('api/v3/traces')[0].searchParams;
    expect(params.get('query.service_name')).toBe('nobody');
    expect(params.get('query.num_traces')).toBe('20');
    expect(params.get('query.start_time_min')).toBe(params.get('query.startTimeMin'));
  });

  it('formats RFC 3339 with microseconds', () => {
    expect(rfc3339FromMicros(1)).toBe('1970-01-01T00:00:00.000001Z');
    expect(rfc3339FromMicros(1_764_000_000_123_456)).toBe('2025-11-24T16:00:00.123456Z');
  });

  it('refuses an all-services search on v1, which requires a service', async () => {
    await expect(searchTraces('v1', { ...request, service: null })).rejects.toThrow(/one service at a time/);
  });
});

describe('the same search on every generation', () => {
  const wide: TraceSearchRequest = {
    ...request,
    operation: null,
    tags: {},
    minDuration: null,
    maxDuration: null,
  };

  it.each(generationNames)('%s: finds the dispatch trace with the same summary', async (name) => {
    server.use(...generationHandlers(name, mockTraces));
    const found = await searchTraces(generations[name].expected.search, wide);
    expect(found.map((s) => s.traceId)).toContain(DISPATCH_TRACE_ID);
    // Tracelens's backend adds its insight tally (docs/trace-summaries-insights.md); Jaeger's do not.
    const { insights, ...summary } = found.find((s) => s.traceId === DISPATCH_TRACE_ID) ?? {};
    expect(insights !== undefined).toBe(name === 'tracelens');
    expect(summary).toEqual({
      traceId: DISPATCH_TRACE_ID,
      rootServiceName: 'frontend',
      rootOperationName: 'HTTP GET /dispatch',
      startUs: DISPATCH_START_US,
      durationUs: 512_400,
      spanCount: 8,
      errorCount: 1,
      orphanCount: 0,
      services: [
        { name: 'customer', spanCount: 2, errorCount: 0 },
        { name: 'driver', spanCount: 3, errorCount: 1 },
        { name: 'frontend', spanCount: 3, errorCount: 0 },
      ],
    });
  });
});

describe('reading trace summaries', () => {
  it('fills what jsonpb leaves out with zeros', async () => {
    server.use(
      http.get('*/api/v3/trace-summaries', () =>
        HttpResponse.json({
          summaries: [{ traceId: 'A'.repeat(32), spanCount: 1, services: [{ name: 'a', spanCount: 1 }] }],
        }),
      ),
    );
    expect(await searchTraces('v3-summaries', request)).toEqual([
      {
        traceId: 'a'.repeat(32),
        rootServiceName: '',
        rootOperationName: '',
        startUs: 0,
        durationUs: 0,
        spanCount: 1,
        errorCount: 0,
        orphanCount: 0,
        services: [{ name: 'a', spanCount: 1, errorCount: 0 }],
      },
    ]);
  });

  it('names the field of a summary it cannot read', async () => {
    server.use(
      http.get('*/api/v3/trace-summaries', () => HttpResponse.json({ summaries: [{ traceId: 'xyz' }] })),
    );
    await expect(searchTraces('v3-summaries', request)).rejects.toThrow(
      /sent trace summaries that could not be read: summaries\[0\]\.traceId: expected 32 hex digits, got "xyz"/,
    );
  });

  it("shows the backend's v3 error as written", async () => {
    server.use(
      http.get('*/api/v3/trace-summaries', () =>
        HttpResponse.json(
          {
            error: { httpCode: 500, message: 'search depth must be greater than 0 and less than max traces' },
          },
          { status: 500 },
        ),
      ),
    );
    await expect(searchTraces('v3-summaries', request)).rejects.toMatchObject({
      status: 500,
      message: 'search depth must be greater than 0 and less than max traces',
    });
  });
});

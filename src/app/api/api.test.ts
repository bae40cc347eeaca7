import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { envelope } from '../../core/jaeger/jaegerJson';
import { DISPATCH_TRACE_ID } from '../../../mocks/data/dispatchTrace';
import { setupMswServer } from '../../../mocks/node';
import { ApiError } from './apiError';
import { lookbackWindowUs, parseLookbackUs } from './lookback';
import { shouldRetry } from './queryClient';
import { fetchServices } from './services';
import { fetchTrace, searchTraces } from './traces';

const server = setupMswServer();

describe('lookback', () => {
  it('computes the window the way Jaeger UI does: end = now, start = end - lookback', () => {
    expect(lookbackWindowUs('15m', 1_700_000_000_000)).toEqual({
      start: 1_700_000_000_000_000 - 15 * 60e6,
      end: 1_700_000_000_000_000,
    });
    expect(parseLookbackUs('2d')).toBe(2 * 86_400e6);
    expect(parseLookbackUs('0h')).toBeNull();
    expect(parseLookbackUs('1y')).toBeNull();
  });
});

describe('query API client', () => {
  it('parses traces with the core model', async () => {
    const trace = await fetchTrace(DISPATCH_TRACE_ID);
    expect(trace.traceId).toBe(DISPATCH_TRACE_ID);
    expect(trace.spans).toHaveLength(8);
    expect(trace.spans[0].startTimeUnixNano).toBeTypeOf('bigint');
  });

  it('turns the 404 envelope into an ApiError carrying status and message', async () => {
    const error = await fetchTrace('deadbeef').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, message: 'trace not found', isNotFound: true });
  });

  it('rejects a service list that is not a list of names', async () => {
    server.use(http.get('*/api/services', () => HttpResponse.json(envelope([1, 2], 2))));
    await expect(fetchServices()).rejects.toThrow(/not a list of names/);
  });

  it('rejects traces the core parser cannot read, naming the URL', async () => {
    server.use(http.get('*/api/traces', () => HttpResponse.json({ data: 'nope' })));
    await expect(searchTraces({ service: 'x', lookback: '1h', limit: 1 })).rejects.toThrow(
      /api\/traces\?service=x.* sent traces that could not be read/,
    );
  });

  it('explains a body that is not JSON, e.g. a proxy error page', async () => {
    server.use(
      http.get('*/api/services', () => new HttpResponse('<html>Bad Gateway</html>', { status: 502 })),
    );
    const error = await fetchServices().catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 502 });
    expect((error as Error).message).toMatch(/answered HTTP 502/);
  });

  it('keeps data that arrives with a partial error, as Jaeger reports some failures', async () => {
    server.use(
      http.get('*/api/services', () =>
        HttpResponse.json(envelope(['a'], 1, [{ code: 500, msg: 'one shard down' }])),
      ),
    );
    expect(await fetchServices()).toEqual(['a']);
  });
});

describe('shouldRetry', () => {
  it('never retries a 4xx and retries other failures twice', () => {
    expect(shouldRetry(0, new ApiError('trace not found', 404, 'u'))).toBe(false);
    expect(shouldRetry(0, new ApiError('down', 0, 'u'))).toBe(true);
    expect(shouldRetry(1, new ApiError('boom', 503, 'u'))).toBe(true);
    expect(shouldRetry(2, new ApiError('boom', 503, 'u'))).toBe(false);
  });
});

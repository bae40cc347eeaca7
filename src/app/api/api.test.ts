import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { envelope } from '../../core/jaeger/jaegerJson';
import { traceFromJaeger } from '../../core/jaeger/fromJaegerJson';
import { configTrace } from '../../../mocks/data/configTrace';
import { DISPATCH_TRACE_ID, dispatchTrace } from '../../../mocks/data/dispatchTrace';
import { generationHandlers } from '../../../mocks/generations';
import { setupMswServer } from '../../../mocks/node';
import { useUploadedTracesStore } from '../stores/uploadedTraces';
import { ApiError } from './apiError';
import { lookbackWindowUs, parseLookbackUs } from './lookback';
import { shouldRetry } from './queryClient';
import { fetchOperations, fetchServices, operationChoices } from './services';
import { fetchTrace } from './traces';

const server = setupMswServer();

afterEach(() => useUploadedTracesStore.getState().clear());

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

describe('fetchTrace', () => {
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

  it('answers a trace opened from a file from memory, without a request, by either ID form', async () => {
    const trace = { ...traceFromJaeger(configTrace), traceId: '0000000000000000' + 'abcdef0123456789' };
    useUploadedTracesStore.getState().add([trace], 'local.json');
    server.use(http.get('*/api/traces/:id', () => HttpResponse.error()));
    expect(await fetchTrace('abcdef0123456789')).toBe(trace);
    expect(await fetchTrace('0000000000000000ABCDEF0123456789')).toBe(trace);
  });

  it('explains a body that is not JSON, e.g. a proxy error page', async () => {
    server.use(
      http.get('*/api/traces/:id', () => new HttpResponse('<html>Bad Gateway</html>', { status: 502 })),
    );
    const error = await fetchTrace('1').catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 502 });
    expect((error as Error).message).toMatch(/answered HTTP 502/);
  });
});

describe('services and operations', () => {
  it('reads v1 and v3 service lists, sorted', async () => {
    expect(await fetchServices('v1')).toEqual(['customer', 'driver', 'frontend']);
    expect(await fetchServices('v3')).toEqual(['customer', 'driver', 'frontend']);
  });

  it('rejects a service list that is not a list of names', async () => {
    server.use(http.get('*/api/services', () => HttpResponse.json(envelope([1, 2], 2))));
    await expect(fetchServices('v1')).rejects.toThrow(/not a list of names/);
  });

  it('keeps data that arrives with a partial error, as Jaeger reports some failures', async () => {
    server.use(
      http.get('*/api/services', () =>
        HttpResponse.json(envelope(['a'], 1, [{ code: 500, msg: 'one shard down' }])),
      ),
    );
    expect(await fetchServices('v1')).toEqual(['a']);
  });

  it('shows the v3 error message as written', async () => {
    server.use(
      http.get('*/api/v3/services', () =>
        HttpResponse.json({ error: { httpCode: 503, message: 'storage unavailable' } }, { status: 503 }),
      ),
    );
    await expect(fetchServices('v3')).rejects.toMatchObject({ status: 503, message: 'storage unavailable' });
  });

  it('lists operations with their span kinds from v3 and v1, one choice per name', async () => {
    const v3 = await fetchOperations('v3', 'driver');
    expect(v3).toContainEqual({ name: 'FindDriverIDs', spanKind: 'internal' });
    const v1 = await fetchOperations('v1', 'frontend');
    expect(operationChoices(v1)).toEqual([
      { name: 'driver.DriverService/FindNearest', kinds: ['client'] },
      { name: 'HTTP GET /config', kinds: ['server'] },
      { name: 'HTTP GET /customer', kinds: ['client'] },
      { name: 'HTTP GET /dispatch', kinds: ['server'] },
      { name: 'render config', kinds: ['internal'] },
    ]);
  });

  it('falls back to the legacy operations route of old query services', async () => {
    server.use(
      http.get('*/api/operations', () => new HttpResponse('404 page not found\n', { status: 404 })),
      ...generationHandlers('jaeger-2.14', [dispatchTrace]),
    );
    const ops = await fetchOperations('v1', 'customer');
    expect(ops.map((o) => o.name).sort()).toEqual(['HTTP GET /customer', 'SQL SELECT']);
    expect(ops.every((o) => o.spanKind === '')).toBe(true);
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

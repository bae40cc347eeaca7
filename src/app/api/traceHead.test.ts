import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { setupMswServer } from '../../../mocks/node';
import { fetchTraceHead, HEAD_ROWS, readTraceHead, resetTraceHeadSupport } from './traceHead';

const server = setupMswServer();
afterEach(() => resetTraceHeadSupport());

const row = {
  spanId: '00000000000000a1',
  parentRow: -1,
  depth: 0,
  childCount: 2,
  startUs: 0,
  durationUs: 1500,
  service: 'frontend',
  operation: 'GET /cart',
  kind: 'server',
  error: false,
};
const head = {
  traceId: 'abc',
  spanCount: 120_000,
  serviceCount: 12,
  startUs: 1,
  durationUs: 1500,
  rows: [row],
};

describe('readTraceHead', () => {
  it('takes a well-formed head', () => {
    expect(readTraceHead(head)).toEqual(head);
  });

  it.each([
    ['no rows', { ...head, rows: undefined }],
    ['a row without a span ID', { ...head, rows: [{ ...row, spanId: 1 }] }],
    ['a parent after its child', { ...head, rows: [{ ...row, parentRow: 0 }] }],
    ['a count that is not a number', { ...head, spanCount: '120000' }],
    ['HTML', '<!doctype html>'],
  ])('refuses %s', (_what, body) => {
    expect(readTraceHead(body)).toBeNull();
  });
});

describe('fetchTraceHead', () => {
  it('asks for the first screen of rows and reads the answer', async () => {
    let asked = '';
    server.use(
      http.get('*/api/traces/:id/head', ({ request }) => {
        asked = request.url;
        return HttpResponse.json(head);
      }),
    );
    expect(await fetchTraceHead('abc')).toEqual(head);
    expect(asked).toMatch(new RegExp(`/api/traces/abc/head\\?rows=${HEAD_ROWS}$`));
  });

  it('stops asking a backend without the route (Jaeger’s plain 404)', async () => {
    let requests = 0;
    server.use(
      http.get('*/api/traces/:id/head', () => {
        requests++;
        return new HttpResponse('404 page not found\n', { status: 404 });
      }),
    );
    expect(await fetchTraceHead('abc')).toBeNull();
    expect(await fetchTraceHead('def')).toBeNull();
    expect(requests).toBe(1);
  });

  it('stops asking a backend that answers its UI for unknown paths', async () => {
    let requests = 0;
    server.use(
      http.get('*/api/traces/:id/head', () => {
        requests++;
        return new HttpResponse('<!doctype html><title>Jaeger UI</title>', {
          headers: { 'Content-Type': 'text/html' },
        });
      }),
    );
    expect(await fetchTraceHead('abc')).toBeNull();
    expect(await fetchTraceHead('def')).toBeNull();
    expect(requests).toBe(1);
  });

  it('keeps asking after a trace the backend does not have', async () => {
    let requests = 0;
    server.use(
      http.get('*/api/traces/:id/head', () => {
        requests++;
        return HttpResponse.text(
          '{"data":null,"total":0,"limit":0,"offset":0,"errors":[{"code":404,"msg":"trace not found"}]}\n',
          { status: 404 },
        );
      }),
    );
    expect(await fetchTraceHead('abc')).toBeNull();
    expect(await fetchTraceHead('def')).toBeNull();
    expect(requests).toBe(2);
  });

  it('gives null, not an error, when the backend cannot be reached', async () => {
    server.use(http.get('*/api/traces/:id/head', () => HttpResponse.error()));
    expect(await fetchTraceHead('abc')).toBeNull();
  });
});

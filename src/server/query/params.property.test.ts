/**
 * Property tests of the query-parameter parsers: any query string gives a parsed request or an
 * HttpError with a 4xx status, never another exception and never a slow path; and over HTTP,
 * any query on the search and get-by-ID routes is answered 200 or a 4xx (or the storage's
 * own refusals, which Jaeger answers 500), and the server keeps serving.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAllInOne } from '../allInOne';
import { HttpError } from '../http/httpError';
import { otlpJsonRequest, startTestServer } from '../testing/testServer';
import { parseTraceIdParam } from './traceIdParam';
import { parseV1Search } from './v1Params';
import { parseV3GetTrace, parseV3Search } from './v3Params';

const SLOW_MS = 1000;
const NOW_NS = 1_700_000_000_000_000_000n;

function expectValueOr4xx(parse: () => unknown): void {
  const started = performance.now();
  try {
    expect(parse()).toBeDefined();
  } catch (err) {
    if (!(err instanceof HttpError)) throw err;
    expect(err.status).toBeGreaterThanOrEqual(400);
    expect(err.status).toBeLessThan(500);
    expect(err.message.length).toBeGreaterThan(0);
  }
  expect(performance.now() - started).toBeLessThan(SLOW_MS);
}

// Values close to valid ones (where parsers slip) and plain hostile text.
const plausible = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String),
  fc.double().map(String),
  fc.constantFrom('true', 'T', 'yes', '', ' ', '0x1f', '1e3', 'NaN', '-0', '+5'),
  fc
    .tuple(fc.double({ noNaN: true }), fc.constantFrom('ns', 'us', 'µs', 'ms', 's', 'm', 'h', 'd', ''))
    .map(([n, unit]) => `${n}${unit}`),
  fc.constantFrom('1h30m', '-1.5s', '9223372036854775807ns', '2562047h47m16.854775808s', '.s', '1..2s'),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom(
    '2023-11-14T22:13:20.123456789+01:00',
    '2023-02-29T00:00:00Z',
    '0001-01-01T00:00:00Z',
    '2023-11-14T25:00:00Z',
  ),
  fc.stringMatching(/^[0-9a-fA-F]{1,40}$/),
  fc.base64String({ maxLength: 32 }),
  fc
    .dictionary(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.constant(null)))
    .map((o) => JSON.stringify(o)),
  fc.json(),
  fc.string({ unit: fc.constantFrom(':', ',', '"', '{', '}', '[', ']', '\\', 'a') }),
  fc.nat({ max: 20_000 }).map((n) => '['.repeat(n)),
  fc.nat({ max: 20_000 }).map((n) => `${'{"a":'.repeat(n)}"x"`),
);

const V1_KEYS = [
  'service',
  'operation',
  'tag',
  'tags',
  'start',
  'end',
  'minDuration',
  'maxDuration',
  'limit',
  'traceID',
  'raw',
  'lookback',
  'prettyPrint',
];
const V3_KEYS = [
  'query.serviceName',
  'query.service_name',
  'query.operationName',
  'query.operation_name',
  'query.attributes',
  'query.startTimeMin',
  'query.start_time_min',
  'query.startTimeMax',
  'query.start_time_max',
  'query.searchDepth',
  'query.search_depth',
  'query.num_traces',
  'query.durationMin',
  'query.duration_min',
  'query.durationMax',
  'query.duration_max',
  'query.rawTraces',
  'query.raw_traces',
  'startTime',
  'start_time',
  'endTime',
  'end_time',
  'rawTraces',
  'raw_traces',
];

const queryOf = (keys: string[]) =>
  fc
    .array(
      fc.tuple(
        fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...keys) }, { weight: 1, arbitrary: fc.string() }),
        plausible,
      ),
      {
        maxLength: 8,
      },
    )
    .map((pairs) => new URLSearchParams(pairs));

describe('query-parameter parsers', () => {
  it('v1 search: a request or a 4xx for any query', () => {
    fc.assert(
      fc.property(queryOf(V1_KEYS), (q) => expectValueOr4xx(() => parseV1Search(q, NOW_NS))),
      { numRuns: 600 },
    );
  });

  it('v3 search: a request or a 4xx for any query', () => {
    fc.assert(
      fc.property(queryOf(V3_KEYS), (q) => expectValueOr4xx(() => parseV3Search(q))),
      { numRuns: 600 },
    );
  });

  it('v3 get-trace: a request or a 4xx for any ID and query', () => {
    fc.assert(
      fc.property(plausible, queryOf(V3_KEYS), (id, q) => expectValueOr4xx(() => parseV3GetTrace(id, q))),
      { numRuns: 400 },
    );
  });

  it('trace IDs: 32 lower-case hex digits or null', () => {
    fc.assert(
      fc.property(plausible, (text) => {
        const id = parseTraceIdParam(text);
        if (id !== null) expect(id).toMatch(/^[0-9a-f]{32}$/);
      }),
      { numRuns: 600 },
    );
  });
});

describe('the query routes over HTTP', () => {
  let app: RunningAllInOne;
  beforeAll(async () => {
    app = await startTestServer();
    await fetch(`${app.urls.otlpHttp}/v1/traces`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(
        otlpJsonRequest('0000000000000000000000000000beef', BigInt(Date.now()) * 1_000_000n),
      ),
    });
  });
  afterAll(() => app.close());

  /** What Jaeger's storage refuses with a 500, as its query service does. */
  const STORAGE_REFUSALS =
    /search depth must be greater than 0|start time is required|end time must be greater than start time/;
  const routes = fc.constantFrom(
    '/api/traces',
    '/api/v3/traces',
    '/api/v3/trace-summaries',
    '/api/traces/beef',
    '/api/v3/traces/beef',
    '/api/dependencies',
    '/api/operations',
  );

  it('answers every query with 200 or a 4xx, and keeps serving', async () => {
    await fc.assert(
      fc.asyncProperty(routes, queryOf([...V1_KEYS, ...V3_KEYS]), async (route, q) => {
        const res = await fetch(`${app.urls.query}${route}?${q.toString()}`);
        const text = await res.text();
        if (res.status === 500) expect(text).toMatch(STORAGE_REFUSALS);
        else if (res.status !== 200) {
          // 400 for bad parameters, 404 for a missing trace, 431 for a query past the header limit.
          expect(res.status).toBeGreaterThanOrEqual(400);
          expect(res.status).toBeLessThan(500);
        }
      }),
      { numRuns: 150 },
    );
    expect((await fetch(`${app.urls.query}/api/traces/beef`)).status).toBe(200);
  }, 60_000);
});

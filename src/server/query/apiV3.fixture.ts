/** The data and helpers shared by the API v3 tests: three traces on a test server. */
import { expect } from 'vitest';
import type { RunningAllInOne } from '../allInOne';
import { otlpJsonRequest, startTestServer } from '../testing/testServer';

const NOW_NS = BigInt(Date.now()) * 1_000_000n;
export const ID1 = '00000000000000000000000000000001';
export const ID2 = 'f0000000000000000000000000000002';
export const ID3 = 'c0000000000000000000000000000003';
/** Start of the i-th trace: a second apart, a minute ago. */
export const start = (i: number) => NOW_NS - BigInt(60 - i) * 1_000_000_000n;

/** A worker whose two spans both have a parent: one missing from the trace (an orphan), one not. */
function workerRequest() {
  const t = (ms: number) => (start(2) + BigInt(ms) * 1_000_000n).toString();
  const span = (
    spanId: string,
    parentSpanId: string,
    name: string,
    kind: number,
    from: number,
    to: number,
  ) => ({
    traceId: ID3,
    spanId,
    parentSpanId,
    name,
    kind,
    startTimeUnixNano: t(from),
    endTimeUnixNano: t(to),
  });
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'worker<&>' } }] },
        scopeSpans: [
          {
            spans: [
              { ...span('000000000000000a', '00000000000000ff', 'tick', 0, 0, 50), status: { code: 2 } },
              span('000000000000000b', '000000000000000a', 'orphan-op', 1, 10, 20),
            ],
          },
        ],
      },
    ],
  };
}

/** A test server holding, in insertion order, frontend→driver traces ID1 and ID2, then the worker's ID3. */
export async function startV3Fixture(): Promise<RunningAllInOne> {
  const app = await startTestServer();
  for (const body of [otlpJsonRequest(ID1, start(0)), otlpJsonRequest(ID2, start(1)), workerRequest()]) {
    const res = await fetch(`${app.urls.otlpHttp}/v1/traces`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
  }
  return app;
}

export const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();
/** A search window around the fixture's traces. */
export const WINDOW = `query.startTimeMin=${iso(-3_600_000)}&query.startTimeMax=${iso(3_600_000)}`;

/** Jaeger's v3 error: its JSON body written by Go's http.Error. */
export async function expectV3Error(res: Response, status: number, message: string): Promise<void> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
  expect(await res.text()).toBe(`${JSON.stringify({ error: { httpCode: status, message } })}\n`);
}

interface TracesBody {
  result: { resourceSpans: { scopeSpans: { spans: { traceId: string }[] }[] }[] };
}

/** Trace IDs of a v3 traces response, in order, once per trace. */
export const traceIds = (body: TracesBody): string[] => [
  ...new Set(body.result.resourceSpans.map((r) => r.scopeSpans[0].spans[0].traceId)),
];

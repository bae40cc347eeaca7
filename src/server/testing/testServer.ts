import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAllInOne, type RunningAllInOne } from '../allInOne';
import { defaultConfig, type Config } from '../config';

/** An all-in-one on free loopback ports with no UI build and no demo, for tests. */
export async function startTestServer(overrides: Partial<Config> = {}): Promise<RunningAllInOne> {
  const errors: string[] = [];
  const app = await startAllInOne(
    {
      ...defaultConfig,
      queryPort: 0,
      otlpHttpPort: 0,
      otlpGrpcPort: 0,
      zipkinPort: 0,
      samplingPort: 0,
      demo: false,
      uiDir: mkdtempSync(join(tmpdir(), 'tracelens-ui-')),
      ...overrides,
    },
    { info: () => {}, error: (m) => errors.push(m) },
  );
  return app;
}

/** A small OTLP/JSON request: `frontend` calls `driver`, which queries `mysql`-ish. */
export function otlpJsonRequest(
  traceId = '5b8efff798038103d269b633813fc60c',
  startNs = 1_700_000_000_000_000_000n,
) {
  const t = (offsetMs: number) => (startNs + BigInt(offsetMs) * 1_000_000n).toString();
  return {
    resourceSpans: [
      {
        resource: {
          attributes: [
            { key: 'service.name', value: { stringValue: 'frontend' } },
            { key: 'host.name', value: { stringValue: 'web-1' } },
          ],
        },
        scopeSpans: [
          {
            scope: { name: 'test-instrumentation', version: '1.0.0' },
            spans: [
              {
                traceId,
                spanId: 'eee19b7ec3c1b174',
                name: 'HTTP GET /dispatch',
                kind: 2,
                startTimeUnixNano: t(0),
                endTimeUnixNano: t(100),
                attributes: [
                  { key: 'http.method', value: { stringValue: 'GET' } },
                  { key: 'http.status_code', value: { intValue: '200' } },
                ],
                status: {},
              },
            ],
          },
        ],
      },
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'driver' } }] },
        scopeSpans: [
          {
            spans: [
              {
                traceId,
                spanId: 'eee19b7ec3c1b175',
                parentSpanId: 'eee19b7ec3c1b174',
                name: 'FindNearest',
                kind: 'SPAN_KIND_SERVER',
                startTimeUnixNano: t(10),
                endTimeUnixNano: t(90),
                status: { code: 2, message: 'redis timeout' },
                events: [
                  {
                    timeUnixNano: t(50),
                    name: 'retry',
                    attributes: [{ key: 'attempt', value: { intValue: 2 } }],
                  },
                ],
              },
            ],
          },
        ],
      },
    ],
  };
}

/** Posts an OTLP/JSON body to a running all-in-one's HTTP receiver; resolves with the status. */
export async function postOtlpJson(app: RunningAllInOne, body: unknown): Promise<number> {
  const res = await fetch(`${app.urls.otlpHttp}/v1/traces`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  await res.arrayBuffer();
  return res.status;
}

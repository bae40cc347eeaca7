import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SpanKind, StatusCode } from '../../core/model/trace';
import { startMetricsTestServer, type MetricsTestServer } from './metricsTestServer';
import { testSpan } from './testSpans';

let server: MetricsTestServer;
let disabled: MetricsTestServer;
const START = Date.now();

beforeAll(async () => {
  [server, disabled] = await Promise.all([
    startMetricsTestServer(),
    startMetricsTestServer({ reader: null }),
  ]);
  const spans = [];
  // Two minutes of history, one span per second per service.
  for (let i = 120; i > 0; i--) {
    const endMs = START - i * 1000;
    spans.push(testSpan({ service: 'frontend', name: 'GET /', endMs, durationMs: 5 }));
    spans.push(
      testSpan({ service: 'driver', name: 'find', endMs, durationMs: 50, status: StatusCode.Error }),
    );
    spans.push(testSpan({ service: 'driver', name: 'redis', endMs, durationMs: 2, kind: SpanKind.Client }));
  }
  await server.pipeline.accept(spans);
});
afterAll(() => Promise.all([server.close(), disabled.close()]));

const get = (path: string, on = server) => fetch(`${on.url}${path}`);
const json = async (res: Response): Promise<any> => res.json();
const envelopeError = (code: number, msg: string) =>
  `${JSON.stringify({ data: null, total: 0, limit: 0, offset: 0, errors: [{ code, msg }] })}\n`;

async function expectError(path: string, code: number, msg: string, on = server) {
  const res = await get(path, on);
  expect(res.status, path).toBe(code);
  expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
  expect(await res.text(), path).toBe(envelopeError(code, msg));
}

describe('/api/metrics parameters', () => {
  it('requires a service', async () => {
    await expectError(
      '/api/metrics/calls',
      400,
      "unable to parse param 'service': please provide at least one service name",
    );
    await expectError(
      '/api/metrics/errors?spanKind=server',
      400,
      "unable to parse param 'service': please provide at least one service name",
    );
  });

  it('requires a float quantile for latencies, checked before anything else', async () => {
    await expectError(
      '/api/metrics/latencies',
      400,
      `unable to parse param 'quantile': strconv.ParseFloat: parsing "": invalid syntax`,
    );
    await expectError(
      '/api/metrics/latencies?service=frontend&quantile=high',
      400,
      `unable to parse param 'quantile': strconv.ParseFloat: parsing "high": invalid syntax`,
    );
    await expectError(
      '/api/metrics/latencies?service=frontend&quantile=1e999',
      400,
      `unable to parse param 'quantile': strconv.ParseFloat: parsing "1e999": value out of range`,
    );
  });

  it('checks groupByOperation, spanKind, endTs, lookback, step and ratePer in Jaeger’s order', async () => {
    const base = '/api/metrics/calls?service=frontend';
    await expectError(
      `${base}&groupByOperation=maybe&spanKind=weird`,
      400,
      `unable to parse param 'groupByOperation': strconv.ParseBool: parsing "maybe": invalid syntax`,
    );
    await expectError(
      `${base}&spanKind=server&spanKind=weird&endTs=x`,
      400,
      "unable to parse param 'spanKind': unsupported span kind: 'weird'",
    );
    await expectError(
      `${base}&spanKind=constructor`,
      400,
      "unable to parse param 'spanKind': unsupported span kind: 'constructor'",
    );
    await expectError(
      `${base}&endTs=soon&lookback=x`,
      400,
      `unable to parse param 'endTs': strconv.ParseInt: parsing "soon": invalid syntax`,
    );
    await expectError(
      `${base}&lookback=1h&step=x`,
      400,
      `unable to parse param 'lookback': strconv.ParseInt: parsing "1h": invalid syntax`,
    );
    await expectError(
      `${base}&step=1.5&ratePer=x`,
      400,
      `unable to parse param 'step': strconv.ParseInt: parsing "1.5": invalid syntax`,
    );
    await expectError(
      `${base}&ratePer=99999999999999999999`,
      400,
      `unable to parse param 'ratePer': strconv.ParseInt: parsing "99999999999999999999": value out of range`,
    );
  });

  it('defaults to 1 h back from now in 5 s steps, server spans, a 10 min rate', async () => {
    const before = Date.now();
    const res = await get('/api/metrics/calls?service=frontend');
    const after = Date.now();
    expect(res.status).toBe(200);
    const body = await json(res);
    const points = body.metrics[0].metricPoints as {
      timestamp: string;
      gaugeValue: { doubleValue: number };
    }[];
    const last = Date.parse(points[points.length - 1].timestamp);
    expect(last).toBeGreaterThanOrEqual(before - 5000);
    expect(last).toBeLessThanOrEqual(after);
    // The series appeared two minutes ago: the 721 points of the hour are cut to those since then.
    expect(points.length).toBeGreaterThanOrEqual(23);
    expect(points.length).toBeLessThanOrEqual(25);
    // 120 spans in the 10 minutes before now.
    expect(points[points.length - 1].gaugeValue.doubleValue).toBeCloseTo(120 / 600, 2);
  });

  it('takes explicit endTs, lookback, step and ratePer in milliseconds', async () => {
    const end = START;
    const body = await json(
      await get(`/api/metrics/calls?service=frontend&endTs=${end}&lookback=60000&step=30000&ratePer=60000`),
    );
    const points = body.metrics[0].metricPoints;
    expect(points.map((p: { timestamp: string }) => Date.parse(p.timestamp))).toEqual([
      end - 60000,
      end - 30000,
      end,
    ]);
    expect(points[2].gaugeValue.doubleValue).toBeCloseTo(1, 1);
  });

  it('maps span kinds case-insensitively and accepts several', async () => {
    const body = await json(
      await get('/api/metrics/calls?service=driver&spanKind=CLIENT&spanKind=Server&groupByOperation=1'),
    );
    expect(body.metrics.map((m: { labels: unknown }) => m.labels)).toEqual([
      [
        { name: 'service_name', value: 'driver' },
        { name: 'operation', value: 'find' },
      ],
      [
        { name: 'service_name', value: 'driver' },
        { name: 'operation', value: 'redis' },
      ],
    ]);
  });

  it('takes repeated services and the UI’s comma-joined form', async () => {
    for (const query of ['service=frontend&service=driver', 'service=frontend,service=driver']) {
      const body = await json(await get(`/api/metrics/calls?${query}`));
      expect(body.metrics.map((m: { labels: { value: string }[] }) => m.labels[0].value)).toEqual([
        'driver',
        'frontend',
      ]);
    }
  });
});

describe('/api/metrics responses', () => {
  it('answers a bare MetricFamily as application/json without a trailing newline', async () => {
    const res = await get(`/api/metrics/latencies?service=frontend&quantile=0.95&endTs=${START}&lookback=0`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    const text = await res.text();
    expect(text).toBe(
      '{"name":"service_latencies","type":"GAUGE","help":"0.95th quantile latency, grouped by service","metrics":[' +
        `{"labels":[{"name":"service_name","value":"frontend"}],"metricPoints":[{"gaugeValue":{"doubleValue":5.9},"timestamp":"${new Date(START).toISOString().replace('.000Z', 'Z')}"}]}]}`,
    );
  });

  it('answers error rates and the per-operation names', async () => {
    const body = await json(
      await get(`/api/metrics/errors?service=driver&groupByOperation=true&endTs=${START}&lookback=0`),
    );
    expect(body.name).toBe('service_operation_error_rate');
    expect(body.help).toBe(
      'error rate, computed as a fraction of errors/sec over calls/sec, grouped by service & operation',
    );
    expect(body.metrics[0].metricPoints[0].gaugeValue.doubleValue).toBe(1);
    const none = await json(await get(`/api/metrics/errors?service=frontend&endTs=${START}&lookback=0`));
    expect(none.metrics[0].metricPoints[0].gaugeValue).toEqual({ doubleValue: 0 });
  });

  it('answers an empty family for unknown services', async () => {
    expect(await (await get('/api/metrics/calls?service=nobody')).text()).toBe(
      '{"name":"service_call_rate","type":"GAUGE","help":"calls/sec, grouped by service","metrics":[]}',
    );
  });

  it('pretty-prints with prettyPrint', async () => {
    const text = await (await get('/api/metrics/calls?service=nobody&prettyPrint=true')).text();
    expect(text).toBe(
      '{\n    "name": "service_call_rate",\n    "type": "GAUGE",\n    "help": "calls/sec, grouped by service",\n    "metrics": [\n    ]\n}',
    );
  });

  it('turns backend refusals into 500s', async () => {
    await expectError(
      '/api/metrics/calls?service=frontend&step=0',
      500,
      'failed executing metrics query: bad_data: invalid parameter "step": zero or negative query resolution step widths are not accepted. Try a positive integer',
    );
  });

  it('keeps minstep for Jaeger UIs up to v2.17', async () => {
    const res = await get('/api/metrics/minstep');
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.text()).toBe('{"data":1,"total":0,"limit":0,"offset":0,"errors":null}');
  });
});

describe('without a metrics backend', () => {
  const msg = 'trace metrics are currently disabled - no metrics backend configured';

  it('answers 501 on every metrics route', async () => {
    await expectError('/api/metrics/latencies?service=frontend&quantile=0.5', 501, msg, disabled);
    await expectError('/api/metrics/calls?service=frontend', 501, msg, disabled);
    await expectError('/api/metrics/errors?service=frontend', 501, msg, disabled);
    await expectError('/api/metrics/minstep', 501, msg, disabled);
  });

  it('still reports bad parameters first, as Jaeger does', async () => {
    await expectError(
      '/api/metrics/calls',
      400,
      "unable to parse param 'service': please provide at least one service name",
      disabled,
    );
  });
});

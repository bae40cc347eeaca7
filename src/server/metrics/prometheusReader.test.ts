import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { metricFamilyJson } from './metricFamily';
import { createPrometheusReader, type PrometheusReaderOptions } from './prometheusReader';
import type { MetricsQuery } from './reader';

const fixture = (name: string) => readFileSync(new URL(`./testdata/${name}.json`, import.meta.url), 'utf8');

interface Seen {
  method: string;
  path: string;
  params: URLSearchParams;
  url: URLSearchParams;
}

type Reply = (seen: Seen) => { status?: number; body: string };

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A fake Prometheus on 127.0.0.1 answering every request with `reply`, recording what it got. */
async function fakePrometheus(reply: Reply, options: Partial<PrometheusReaderOptions> = {}) {
  const seen: Seen[] = [];
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const params = new URLSearchParams(req.method === 'POST' ? body : url.search);
      const s = { method: req.method ?? '', path: url.pathname, params, url: url.searchParams };
      seen.push(s);
      const { status = 200, body: out } = reply(s);
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(out);
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const reader = createPrometheusReader({ url: `http://127.0.0.1:${port}`, ...options });
  return { reader, seen, port };
}

/** What Jaeger's tests send: 1 minute back from a fixed end, 1 ms step, 10 minute rate. */
const q = (over: Partial<MetricsQuery> = {}): MetricsQuery => ({
  services: ['emailservice'],
  groupByOperation: false,
  spanKinds: ['SPAN_KIND_SERVER'],
  endMs: 1620351846000,
  lookbackMs: 60_000,
  stepMs: 1,
  ratePerMs: 600_000,
  ...over,
});

const byGrouping: Reply = (s) => ({
  body: fixture(
    s.params.get('query')!.includes('by (service_name,span_name')
      ? 'service_span_name_datapoint_response'
      : 'service_datapoint_response',
  ),
});

describe('Prometheus reader', () => {
  it('runs Jaeger’s PromQL as a POSTed range query and translates the matrix', async () => {
    const { reader, seen } = await fakePrometheus(byGrouping);
    const family = await reader.getCallRates(q());
    expect(seen).toHaveLength(1);
    expect(seen[0].method).toBe('POST');
    expect(seen[0].path).toBe('/api/v1/query_range');
    expect(Object.fromEntries(seen[0].params)).toEqual({
      query:
        'sum(rate(traces_span_metrics_calls_total{service_name =~ "emailservice", span_kind =~ "SPAN_KIND_SERVER"}[10m])) by (service_name)',
      start: '1620351786',
      end: '1620351846',
      step: '0.001',
    });
    expect(metricFamilyJson(family)).toBe(
      '{"name":"service_call_rate","type":"GAUGE","help":"calls/sec, grouped by service","metrics":[' +
        '{"labels":[{"name":"service_name","value":"emailservice"}],"metricPoints":[' +
        '{"gaugeValue":{"doubleValue":9223372036854},"timestamp":"2021-05-07T01:43:06Z"}]}]}',
    );
  });

  it('names the family per operation and renames span_name to operation', async () => {
    const { reader, seen } = await fakePrometheus(byGrouping);
    const family = await reader.getLatencies({ ...q({ groupByOperation: true }), quantile: 0.95 });
    expect(seen[0].params.get('query')).toBe(
      'histogram_quantile(0.95, sum(rate(traces_span_metrics_duration_milliseconds_bucket{service_name =~ "emailservice", span_kind =~ "SPAN_KIND_SERVER"}[10m])) by (service_name,span_name,le))',
    );
    expect(family.name).toBe('service_operation_latencies');
    expect(family.help).toBe('0.95th quantile latency, grouped by service & operation');
    expect(family.metrics[0].labels).toEqual([
      { name: 'operation', value: '/OrderResult' },
      { name: 'service_name', value: 'emailservice' },
    ]);
  });

  it('answers the error ratio when Prometheus has error series', async () => {
    const { reader, seen } = await fakePrometheus(byGrouping);
    const family = await reader.getErrorRates(q());
    expect(seen).toHaveLength(1);
    expect(seen[0].params.get('query')).toBe(
      'sum(rate(traces_span_metrics_calls_total{service_name =~ "emailservice", status_code = "STATUS_CODE_ERROR", span_kind =~ "SPAN_KIND_SERVER"}[10m])) by (service_name) / ' +
        'sum(rate(traces_span_metrics_calls_total{service_name =~ "emailservice", span_kind =~ "SPAN_KIND_SERVER"}[10m])) by (service_name)',
    );
    expect(family.name).toBe('service_error_rate');
    expect(family.metrics[0].metricPoints[0].value).toBe(9223372036854);
  });

  it('falls back to zeroed call rates when there are no error series (TestGetErrorRatesZero)', async () => {
    const { reader, seen } = await fakePrometheus((s) => ({
      body: fixture(
        s.params.get('query')!.includes('STATUS_CODE_ERROR')
          ? 'empty_response'
          : 'service_datapoint_response',
      ),
    }));
    const family = await reader.getErrorRates(q());
    expect(seen.map((s) => s.params.get('query'))).toEqual([
      expect.stringContaining('status_code = "STATUS_CODE_ERROR"'),
      'sum(rate(traces_span_metrics_calls_total{service_name =~ "emailservice", span_kind =~ "SPAN_KIND_SERVER"}[10m])) by (service_name)',
    ]);
    expect(family.name).toBe('service_error_rate');
    expect(family.help).toBe(
      'error rate, computed as a fraction of errors/sec over calls/sec, grouped by service',
    );
    expect(family.metrics).toEqual([
      {
        labels: [{ name: 'service_name', value: 'emailservice' }],
        metricPoints: [{ timestampMs: 1620351786000, value: 0 }],
      },
    ]);
  });

  it('returns the empty error family when there are no calls either (TestGetErrorRatesNull)', async () => {
    const { reader, seen } = await fakePrometheus(() => ({ body: fixture('empty_response') }));
    const family = await reader.getErrorRates(q());
    expect(seen).toHaveLength(2);
    expect(metricFamilyJson(family)).toBe(
      '{"name":"service_error_rate","type":"GAUGE","help":"error rate, computed as a fraction of errors/sec over calls/sec, grouped by service","metrics":[]}',
    );
  });

  it('passes warnings on and still answers (TestWarningResponse)', async () => {
    const warnings: string[][] = [];
    const { reader } = await fakePrometheus(() => ({ body: fixture('warning_response') }), {
      onWarnings: (w) => warnings.push(w),
    });
    const family = await reader.getErrorRates(q({ services: ['foo'] }));
    expect(family.metrics).toEqual([]);
    expect(warnings).toEqual([
      ['warning0', 'warning1'],
      ['warning0', 'warning1'],
    ]);
  });

  it('reports failures with Jaeger’s wording', async () => {
    const failing = await fakePrometheus(() => ({ status: 500, body: 'internal server error' }));
    await expect(failing.reader.getCallRates(q())).rejects.toThrow(
      'failed executing metrics query: server_error: server error: 500',
    );
    await expect(failing.reader.getErrorRates(q())).rejects.toThrow(
      'failed getting error metrics: failed executing metrics query: server_error: server error: 500',
    );
  });

  it('reports Prometheus API errors and non-matrix results', async () => {
    const bad = await fakePrometheus((s) =>
      s.params.get('step') === '0'
        ? {
            status: 400,
            body: '{"status":"error","errorType":"bad_data","error":"invalid parameter \\"step\\": zero or negative query resolution step widths are not accepted. Try a positive integer"}',
          }
        : { body: '{"status":"success","data":{"resultType":"vector","result":[]}}' },
    );
    await expect(bad.reader.getCallRates(q({ stepMs: 0 }))).rejects.toThrow(
      'failed executing metrics query: bad_data: invalid parameter "step": zero or negative query resolution step widths are not accepted. Try a positive integer',
    );
    await expect(bad.reader.getCallRates(q())).rejects.toThrow('unexpected metrics ValueType: vector');
  });

  it('reports an unreachable Prometheus', async () => {
    const { reader, port } = await fakePrometheus(byGrouping);
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    await expect(reader.getCallRates(q())).rejects.toThrow(
      `failed executing metrics query: Post "http://127.0.0.1:${port}/api/v1/query_range": connect ECONNREFUSED`,
    );
  });

  it('retries with GET when POST is refused, keeps a base path and adds extra query parameters', async () => {
    const { reader, seen } = await fakePrometheus(
      (s) => (s.method === 'POST' ? { status: 405, body: '' } : byGrouping(s)),
      { extraQueryParameters: { tenant: 't1' } },
    );
    const base = `http://127.0.0.1:${(server!.address() as AddressInfo).port}/prom/`;
    const viaBase = createPrometheusReader({ url: base, extraQueryParameters: { tenant: 't1' } });
    await reader.getCallRates(q({ services: ['a', 'b'] }));
    await viaBase.getCallRates(q());
    expect(seen.map((s) => [s.method, s.path, s.url.get('tenant')])).toEqual([
      ['POST', '/api/v1/query_range', 't1'],
      ['GET', '/api/v1/query_range', 't1'],
      ['POST', '/prom/api/v1/query_range', 't1'],
      ['GET', '/prom/api/v1/query_range', 't1'],
    ]);
    expect(seen[1].params.get('query')).toContain('service_name =~ "a|b"');
  });

  it('uses the configured namespace and normalisation', async () => {
    const { reader, seen } = await fakePrometheus(byGrouping, {
      metricNamespace: 'span_metrics',
      normalizeCalls: false,
      normalizeDuration: true,
      latencyUnit: 's',
    });
    await reader.getCallRates(q());
    await reader.getLatencies({ ...q(), quantile: 0.5 });
    expect(seen[0].params.get('query')).toContain('sum(rate(span_metrics_calls{');
    expect(seen[1].params.get('query')).toContain(
      'histogram_quantile(0.50, sum(rate(span_metrics_duration_seconds_bucket{',
    );
    expect(await reader.getMinStepDuration()).toBe(1);
  });

  it('reads NaN and infinite sample values', async () => {
    const body = JSON.stringify({
      status: 'success',
      data: {
        resultType: 'matrix',
        result: [
          {
            metric: { service_name: 's' },
            values: [
              [1.5, 'NaN'],
              [2, '+Inf'],
              [2.5, '-Inf'],
              [3, '0.25'],
            ],
          },
        ],
      },
    });
    const { reader } = await fakePrometheus(() => ({ body }));
    const family = await reader.getLatencies({ ...q(), quantile: 0.5 });
    expect(family.metrics[0].metricPoints).toEqual([
      { timestampMs: 1500, value: NaN },
      { timestampMs: 2000, value: Infinity },
      { timestampMs: 2500, value: -Infinity },
      { timestampMs: 3000, value: 0.25 },
    ]);
  });
});

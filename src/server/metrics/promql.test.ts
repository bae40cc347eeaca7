import { describe, expect, it } from 'vitest';
import { buildPromQuery, callsMetricName, latencyMetricName, SPM_NAMING, type PromNaming } from './promql';
import type { MetricsQuery } from './reader';

// Jaeger's reader_test.go runs with an empty namespace and no normalisation.
const BARE: PromNaming = {
  metricNamespace: '',
  latencyUnit: 'ms',
  normalizeCalls: false,
  normalizeDuration: false,
};

const query = (over: Partial<MetricsQuery> = {}): MetricsQuery => ({
  services: ['emailservice'],
  groupByOperation: false,
  spanKinds: ['SPAN_KIND_SERVER'],
  endMs: 0,
  lookbackMs: 60_000,
  stepMs: 1,
  ratePerMs: 600_000,
  ...over,
});

describe('metric names', () => {
  it('follows the namespace and normalisation flags', () => {
    expect(callsMetricName(SPM_NAMING)).toBe('traces_span_metrics_calls_total');
    expect(latencyMetricName(SPM_NAMING)).toBe('traces_span_metrics_duration_milliseconds');
    expect(callsMetricName(BARE)).toBe('calls');
    expect(latencyMetricName(BARE)).toBe('duration');
    expect(latencyMetricName({ ...BARE, normalizeDuration: true, latencyUnit: 's' })).toBe(
      'duration_seconds',
    );
    expect(latencyMetricName({ ...BARE, metricNamespace: 'span_metrics' })).toBe('span_metrics_duration');
  });
});

describe('buildPromQuery (strings from Jaeger’s reader_test.go)', () => {
  it('latencies', () => {
    expect(buildPromQuery('latencies', BARE, { ...query(), quantile: 0.95 })).toBe(
      'histogram_quantile(0.95, sum(rate(duration_bucket{service_name =~ "emailservice", span_kind =~ "SPAN_KIND_SERVER"}[10m])) by (service_name,le))',
    );
    expect(buildPromQuery('latencies', BARE, { ...query({ groupByOperation: true }), quantile: 0.95 })).toBe(
      'histogram_quantile(0.95, sum(rate(duration_bucket{service_name =~ "emailservice", span_kind =~ "SPAN_KIND_SERVER"}[10m])) by (service_name,span_name,le))',
    );
    expect(
      buildPromQuery('latencies', BARE, {
        ...query({
          services: ['frontend', 'emailservice'],
          spanKinds: ['SPAN_KIND_SERVER', 'SPAN_KIND_CLIENT'],
        }),
        quantile: 0.95,
      }),
    ).toBe(
      'histogram_quantile(0.95, sum(rate(duration_bucket{service_name =~ "frontend|emailservice", span_kind =~ "SPAN_KIND_SERVER|SPAN_KIND_CLIENT"}[10m])) by (service_name,le))',
    );
  });

  it('calls', () => {
    expect(buildPromQuery('calls', BARE, query({ groupByOperation: true }))).toBe(
      'sum(rate(calls{service_name =~ "emailservice", span_kind =~ "SPAN_KIND_SERVER"}[10m])) by (service_name,span_name)',
    );
    expect(
      buildPromQuery('calls', { ...BARE, normalizeCalls: true }, query({ groupByOperation: true })),
    ).toBe(
      'sum(rate(calls_total{service_name =~ "emailservice", span_kind =~ "SPAN_KIND_SERVER"}[10m])) by (service_name,span_name)',
    );
  });

  it('errors', () => {
    expect(buildPromQuery('errors', BARE, query())).toBe(
      'sum(rate(calls{service_name =~ "emailservice", status_code = "STATUS_CODE_ERROR", span_kind =~ "SPAN_KIND_SERVER"}[10m])) by (service_name) / ' +
        'sum(rate(calls{service_name =~ "emailservice", span_kind =~ "SPAN_KIND_SERVER"}[10m])) by (service_name)',
    );
  });

  it('uses the SPM names, the truncated rate and Go quoting', () => {
    expect(buildPromQuery('calls', SPM_NAMING, query({ services: ['say "hi"'], ratePerMs: 90_000 }))).toBe(
      'sum(rate(traces_span_metrics_calls_total{service_name =~ "say \\"hi\\"", span_kind =~ "SPAN_KIND_SERVER"}[1m])) by (service_name)',
    );
    expect(buildPromQuery('latencies', SPM_NAMING, { ...query(), quantile: 0.5 })).toContain(
      'histogram_quantile(0.50, sum(rate(traces_span_metrics_duration_milliseconds_bucket{',
    );
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SpanKind, StatusCode } from '../../core/model/trace';
import { SpanMetricsAggregator } from './aggregator';
import { EXPOSITION_CONTENT_TYPE, renderExposition } from './exposition';
import { startMetricsTestServer, type MetricsTestServer } from './metricsTestServer';
import { testSpan } from './testSpans';

const NOW = Date.UTC(2026, 0, 1);

describe('renderExposition', () => {
  it('writes the connector’s counter and histogram with HELP/TYPE, sorted series, cumulative buckets', () => {
    const agg = new SpanMetricsAggregator({ now: () => NOW });
    agg.observe([
      testSpan({ service: 'svc', name: 'op', endMs: NOW, durationMs: 3 }),
      testSpan({ service: 'svc', name: 'op', endMs: NOW, durationMs: 1.5 }),
      testSpan({ service: 'svc', name: 'op', endMs: NOW, durationMs: 20_000, status: StatusCode.Error }),
      testSpan({ service: 'a"b\\c\nd', name: 'x', endMs: NOW, durationMs: 10, kind: SpanKind.Client }),
    ]);
    const text = renderExposition(agg.allSeries());
    const esc =
      'service_name="a\\"b\\\\c\\nd",span_name="x",span_kind="SPAN_KIND_CLIENT",status_code="STATUS_CODE_UNSET"';
    const ok =
      'service_name="svc",span_name="op",span_kind="SPAN_KIND_SERVER",status_code="STATUS_CODE_UNSET"';
    const err =
      'service_name="svc",span_name="op",span_kind="SPAN_KIND_SERVER",status_code="STATUS_CODE_ERROR"';
    const lines = text.split('\n');
    expect(lines.slice(0, 5)).toEqual([
      '# HELP traces_span_metrics_calls_total Spans completed, by service, span name, span kind and status code.',
      '# TYPE traces_span_metrics_calls_total counter',
      `traces_span_metrics_calls_total{${esc}} 1`,
      `traces_span_metrics_calls_total{${err}} 1`,
      `traces_span_metrics_calls_total{${ok}} 2`,
    ]);
    expect(lines[5]).toMatch(/^# HELP traces_span_metrics_duration_milliseconds /);
    expect(lines[6]).toBe('# TYPE traces_span_metrics_duration_milliseconds histogram');
    const okLines = lines.filter((l) => l.includes(ok) && l.startsWith('traces_span_metrics_duration'));
    expect(okLines).toEqual([
      `traces_span_metrics_duration_milliseconds_bucket{${ok},le="2"} 1`,
      `traces_span_metrics_duration_milliseconds_bucket{${ok},le="4"} 2`,
      ...[
        '6',
        '8',
        '10',
        '50',
        '100',
        '200',
        '400',
        '800',
        '1000',
        '1400',
        '2000',
        '5000',
        '10000',
        '15000',
        '+Inf',
      ].map((le) => `traces_span_metrics_duration_milliseconds_bucket{${ok},le="${le}"} 2`),
      `traces_span_metrics_duration_milliseconds_sum{${ok}} 4.5`,
      `traces_span_metrics_duration_milliseconds_count{${ok}} 2`,
    ]);
    expect(text).toContain(`traces_span_metrics_duration_milliseconds_bucket{${err},le="15000"} 0`);
    expect(text).toContain(`traces_span_metrics_duration_milliseconds_bucket{${err},le="+Inf"} 1`);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('keeps both families when there is nothing yet', () => {
    expect(renderExposition([])).toBe(
      [
        '# HELP traces_span_metrics_calls_total Spans completed, by service, span name, span kind and status code.',
        '# TYPE traces_span_metrics_calls_total counter',
        '# HELP traces_span_metrics_duration_milliseconds Span durations in milliseconds, by service, span name, span kind and status code.',
        '# TYPE traces_span_metrics_duration_milliseconds histogram',
        '',
      ].join('\n'),
    );
  });
});

describe('GET /metrics', () => {
  let server: MetricsTestServer;
  beforeAll(async () => {
    server = await startMetricsTestServer();
    await server.pipeline.accept([
      testSpan({ service: 'svc', name: 'op', endMs: Date.now(), durationMs: 7 }),
    ]);
  });
  afterAll(() => server.close());

  it('serves the text format 0.0.4 with the ingested spans', async () => {
    const res = await fetch(`${server.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(EXPOSITION_CONTENT_TYPE);
    expect(await res.text()).toContain(
      'traces_span_metrics_calls_total{service_name="svc",span_name="op",span_kind="SPAN_KIND_SERVER",status_code="STATUS_CODE_UNSET"} 1',
    );
    const head = await fetch(`${server.url}/metrics`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

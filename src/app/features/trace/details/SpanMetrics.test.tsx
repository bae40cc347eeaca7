import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DISPATCH_START_US, DISPATCH_TRACE_ID, dispatchTrace } from '../../../../../mocks/data/dispatchTrace';
import { createHandlers } from '../../../../../mocks/handlers';
import { metricsDisabledHandlers } from '../../../../../mocks/monitor';
import { setupMswServer } from '../../../../../mocks/node';
import { SpanKind } from '../../../../core/model/trace';
import { stubClientSize } from '../../../testing/layout';
import { renderTracePage } from '../testing/renderTracePage';
import { detailsPanel, findWaterfall, rowOf } from '../testing/traceTestKit';
import { LAYOUT_STORAGE_KEY, useTraceLayout } from '../traceLayoutPrefs';
import { spanMetricsRows, spanMetricsWindow } from './spanMetrics';

const server = setupMswServer();
let restoreLayout: () => void;
beforeEach(() => {
  restoreLayout = stubClientSize(1200, 600);
  server.use(...createHandlers([dispatchTrace]));
  useTraceLayout.getState().setDetailsMode('side');
});
afterEach(() => {
  restoreLayout();
  window.localStorage.removeItem(LAYOUT_STORAGE_KEY);
});

async function openGetDriver() {
  const view = renderTracePage(`/trace/${DISPATCH_TRACE_ID}`);
  await findWaterfall();
  await view.user.click(rowOf('GetDriver'));
  return view;
}

describe('Span-level metrics in the span details', () => {
  it("shows the operation's p95, rate and errors around the span, with links to Monitor and its traces", async () => {
    const requests: URL[] = [];
    server.events.on('request:start', ({ request }) => {
      if (request.url.includes('/api/metrics/')) requests.push(new URL(request.url));
    });
    await openGetDriver();
    const panel = detailsPanel();
    await waitFor(() => expect(panel.querySelector('.span-metrics__now')).not.toBeNull(), {
      timeout: 10_000,
    });
    const figure = (term: string) =>
      within(panel)
        .findByText(term, { selector: '.span-metrics__now dt' })
        .then((dt) => dt.nextElementSibling);
    expect((await figure('p95 latency'))?.textContent).toMatch(/^[\d.]+ m?s$/);
    expect((await figure('Request rate'))?.textContent).toMatch(/req\/s$/);
    expect((await figure('Error rate'))?.textContent).toMatch(/%$/);
    expect(within(panel).getByRole('link', { name: 'Monitor driver' })).toHaveAttribute(
      'href',
      '/monitor?service=driver&spanKind=internal&lookback=1h',
    );
    expect(
      within(panel).getByRole('link', { name: 'Traces of this operation in this hour' }),
    ).toHaveAttribute(
      'href',
      expect.stringMatching(
        /^\/search\?service=driver&operation=GetDriver&lookback=custom&start=\d+&end=\d+$/,
      ),
    );
    // Grouped by operation, for the span's service and kind, in the hour around it.
    expect(requests.map((u) => u.pathname.split('/').pop()).sort()).toEqual(['calls', 'errors', 'latencies']);
    for (const url of requests) {
      expect(url.searchParams.get('service')).toBe('driver');
      expect(url.searchParams.get('spanKind')).toBe('internal');
      expect(url.searchParams.get('groupByOperation')).toBe('true');
      const end = Number(url.searchParams.get('endTs'));
      expect(end - DISPATCH_START_US / 1000).toBeGreaterThan(29 * 60_000);
      expect(end - DISPATCH_START_US / 1000).toBeLessThanOrEqual(31 * 60_000);
    }
  });

  it('is not shown when the backend has no metrics store (501)', async () => {
    let answered = 0;
    server.events.on('response:mocked', ({ request }) => {
      if (request.url.includes('/api/metrics/')) answered++;
    });
    server.use(...metricsDisabledHandlers);
    await openGetDriver();
    await within(detailsPanel()).findByRole('heading', { name: 'GetDriver' });
    await waitFor(() => expect(answered).toBeGreaterThanOrEqual(3));
    await waitFor(() => expect(screen.queryByText('Operation metrics')).not.toBeInTheDocument());
  });

  it('says so when the backend has no metrics for the operation', async () => {
    server.use(
      http.get('*/api/metrics/:kind', () => HttpResponse.json({ name: 'x', type: 'GAUGE', metrics: [] })),
    );
    await openGetDriver();
    expect(
      await within(detailsPanel()).findByText(
        /No span metrics for driver · GetDriver in the hour around this span/,
      ),
    ).toBeInTheDocument();
  });
});

describe('spanMetricsWindow and spanMetricsRows', () => {
  const subject = { service: 's', operation: 'op', kind: SpanKind.Unspecified, startMs: 1_000_030_000 };

  it('centres an hour on the span, on whole minutes, never past now', () => {
    expect(spanMetricsWindow(subject, 2e12)).toMatchObject({
      spanKind: 'internal',
      endMs: 1_001_880_000,
      lookbackMs: 3_600_000,
    });
    expect(spanMetricsWindow(subject, 1_000_100_000).endMs).toBe(1_000_140_000);
  });

  it("merges the operation's three series by time, errors as percent", () => {
    const series = (operation: string, values: (number | null)[]) => [
      { operation, points: values.map((value, i) => ({ t: i * 60_000, value })) },
    ];
    expect(
      spanMetricsRows('op', series('op', [12, null]), series('op', [0.5, 1]), series('op', [0.25, 0])),
    ).toEqual([
      { t: 0, p95: 12, rate: 0.5, errorPct: 25 },
      { t: 60_000, p95: null, rate: 1, errorPct: 0 },
    ]);
    expect(spanMetricsRows('op', series('other', [1]), series('other', [1]), [])).toEqual([]);
  });
});

import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { jaegerError } from '../../../../mocks/handlers';
import {
  METRICS_DISABLED_MESSAGE,
  metricsDisabledHandlers,
  monitorHandlers,
} from '../../../../mocks/monitor';
import { setupMswServer } from '../../../../mocks/node';
import { recordRequests } from '../../../../mocks/recordRequests';
import { landedAt, renderMonitor } from './monitorTesting';

const server = setupMswServer();
beforeEach(() => server.use(...monitorHandlers));

const summary = () => screen.findByText(/^Latest: p95 latency/);
const metricRequests = (requests: ReturnType<typeof recordRequests>) =>
  requests.urls.filter((u) => u.pathname.includes('/api/metrics/'));
const table = () => screen.getByRole('table', { name: /^Operations of/ });
const rowNames = () =>
  within(table())
    .getAllByRole('rowheader')
    .map((c) => c.textContent);

describe('Monitor page', () => {
  it('asks for the service, span kind and range in the URL, as Jaeger UI does', async () => {
    const requests = recordRequests(server);
    renderMonitor('/monitor?service=frontend&spanKind=client&lookback=15m');
    await summary();
    const urls = metricRequests(requests);
    expect(urls).toHaveLength(8);
    for (const u of urls) {
      expect(u.searchParams.get('service')).toBe('frontend');
      expect(u.searchParams.get('spanKind')).toBe('client');
      expect(u.searchParams.get('lookback')).toBe('900000');
      expect(u.searchParams.get('step')).toBe('15000');
      expect(u.searchParams.get('ratePer')).toBe('600000');
      expect(Number(u.searchParams.get('endTs'))).toBeGreaterThan(Date.now() - 60_000);
    }
    const latencies = urls.filter((u) => u.pathname.endsWith('/latencies'));
    expect(latencies.map((u) => u.searchParams.get('quantile')).sort()).toEqual([
      '0.5',
      '0.75',
      '0.95',
      '0.95',
    ]);
    const grouped = urls.filter((u) => u.searchParams.get('groupByOperation') === 'true');
    expect(grouped.map((u) => u.pathname.split('/').pop()).sort()).toEqual(['calls', 'errors', 'latencies']);
  });

  it('defaults to the first service and server spans over the last hour', async () => {
    const requests = recordRequests(server);
    renderMonitor('/monitor');
    await summary();
    expect(screen.getByLabelText('Service')).toHaveValue('customer');
    expect(screen.getByLabelText('Span kind')).toHaveValue('server');
    expect(screen.getByLabelText('Time range')).toHaveValue('1h');
    const u = metricRequests(requests)[0];
    expect(u.searchParams.get('service')).toBe('customer');
    expect(u.searchParams.get('spanKind')).toBe('server');
    expect(u.searchParams.get('lookback')).toBe('3600000');
  });

  it('refetches and updates the URL when a selector changes', async () => {
    const { user, router } = renderMonitor('/monitor?service=frontend');
    await summary();
    const requests = recordRequests(server);
    await user.selectOptions(screen.getByLabelText('Span kind'), 'client');
    await user.selectOptions(screen.getByLabelText('Time range'), '6h');
    await user.selectOptions(screen.getByLabelText('Service'), 'customer');
    await summary();
    expect(router.state.location.search).toBe('?service=customer&spanKind=client&lookback=6h');
    const last = metricRequests(requests).at(-1)!;
    expect(last.searchParams.get('service')).toBe('customer');
    expect(last.searchParams.get('spanKind')).toBe('client');
    expect(last.searchParams.get('lookback')).toBe(String(6 * 3600_000));
  });

  it('summarises the charts in text and labels each chart', async () => {
    renderMonitor('/monitor?service=frontend');
    expect(await summary()).toHaveTextContent(/p95 latency \d+ ms, [\d.]+ req\/s, [\d.]+ % errors/);
    for (const name of ['Latency (ms)', 'Error rate (%)', 'Request rate (req/s)']) {
      expect(screen.getByRole('figure', { name })).toBeInTheDocument();
    }
  });

  it('sorts the operations by each column with aria-sort, and filters them by name', async () => {
    const { user } = renderMonitor('/monitor?service=frontend&spanKind=client');
    await summary();
    const ops = ['HTTP GET /customer', 'driver.DriverService/FindNearest'];
    // Impact first, heaviest on top: the customer call is slower.
    expect(rowNames()).toEqual(ops);
    expect(within(table()).getByRole('columnheader', { name: /Impact/ })).toHaveAttribute(
      'aria-sort',
      'descending',
    );

    await user.click(screen.getByRole('button', { name: /^Name/ }));
    expect(within(table()).getByRole('columnheader', { name: /Name/ })).toHaveAttribute(
      'aria-sort',
      'ascending',
    );
    expect(within(table()).getByRole('columnheader', { name: /Impact/ })).toHaveAttribute(
      'aria-sort',
      'none',
    );
    expect(rowNames()).toEqual(['driver.DriverService/FindNearest', 'HTTP GET /customer']);
    await user.click(screen.getByRole('button', { name: /^Name/ }));
    expect(rowNames()).toEqual(ops);

    await user.click(screen.getByRole('button', { name: /^P95 latency/ }));
    expect(within(table()).getByRole('columnheader', { name: /P95/ })).toHaveAttribute(
      'aria-sort',
      'descending',
    );
    expect(rowNames()).toEqual(ops);
    await user.click(screen.getByRole('button', { name: /^P95 latency/ }));
    expect(rowNames()).toEqual([...ops].reverse());

    await user.type(screen.getByRole('searchbox', { name: 'Search operations' }), 'find');
    expect(rowNames()).toEqual(['driver.DriverService/FindNearest']);
    await user.clear(screen.getByRole('searchbox'));
    await user.type(screen.getByRole('searchbox'), 'nothing');
    expect(screen.getByText('No operation matches “nothing”.')).toBeInTheDocument();
  });

  it('links each operation to its traces on the search page', async () => {
    const { user } = renderMonitor('/monitor?service=frontend&spanKind=client&lookback=2h');
    await summary();
    await user.click(screen.getByRole('link', { name: 'View traces of HTTP GET /customer' }));
    expect(landedAt()).toBe('/search?service=frontend&operation=HTTP+GET+%2Fcustomer&lookback=2h');
  });

  it('lists the chart points in a table whose links drill down from the keyboard', async () => {
    const { user } = renderMonitor('/monitor?service=frontend&spanKind=client&lookback=15m');
    await summary();
    const disclosure = screen.getByText(/^Chart data as a table/);
    disclosure.closest('summary')?.focus();
    await user.keyboard('{Enter}');
    const points = screen.getByRole('table', { name: /per point, newest first/ });
    const rows = within(points).getAllByRole('row').slice(1);
    expect(rows.length).toBeGreaterThan(10);
    const newest = within(rows[0]).getByRole('rowheader').textContent ?? '';
    const slower = within(rows[0]).getByRole('link', {
      name: new RegExp(`^Traces at ${newest} as slow as the p95`),
    });
    slower.focus();
    await user.keyboard('{Enter}');
    const landed = new URL(landedAt(), 'http://x');
    expect(landed.pathname).toBe('/search');
    expect(landed.searchParams.get('service')).toBe('frontend');
    expect(landed.searchParams.get('lookback')).toBe('custom');
    expect(Number(landed.searchParams.get('end')) - Number(landed.searchParams.get('start'))).toBe(
      615_000_000,
    );
    expect(landed.searchParams.get('minDuration')).toMatch(/^\d+(\.\d+)?(ms|s|us)$/);
  });

  it('drills down into a range of points picked from the keyboard', async () => {
    const { user } = renderMonitor('/monitor?service=frontend&spanKind=client&lookback=15m');
    await summary();
    screen
      .getByText(/^Chart data as a table/)
      .closest('summary')
      ?.focus();
    await user.keyboard('{Enter}');
    const range = screen.getByRole('group', { name: 'Traces of a time range' });
    const from = within(range).getByLabelText('From');
    const to = within(range).getByLabelText('to');
    const times = within(from)
      .getAllByRole('option')
      .map((o) => Number((o as HTMLOptionElement).value));
    // Newest first; by default the whole charted range.
    expect(times.length).toBeGreaterThan(10);
    expect(from).toHaveValue(String(times.at(-1)));
    expect(to).toHaveValue(String(times[0]));
    // Picked backwards on purpose: the link orders the ends.
    await user.selectOptions(from, String(times[2]));
    await user.selectOptions(to, String(times[5]));
    await user.click(within(range).getByRole('link', { name: /^Traces from / }));
    const landed = new URL(landedAt(), 'http://x');
    expect(landed.pathname).toBe('/search');
    expect(landed.searchParams.get('service')).toBe('frontend');
    expect(landed.searchParams.get('lookback')).toBe('custom');
    // From the step before the earlier point to the later one.
    expect(Number(landed.searchParams.get('start'))).toBe((times[5] - 15_000) * 1000);
    expect(Number(landed.searchParams.get('end'))).toBe(times[2] * 1000);
    expect(landed.searchParams.has('minDuration')).toBe(false);
  });

  it('links to all traces of the service', async () => {
    const { user } = renderMonitor('/monitor?service=driver&lookback=30m');
    await summary();
    await user.click(screen.getByRole('link', { name: 'View all traces' }));
    expect(landedAt()).toBe('/search?service=driver&lookback=30m');
  });

  it('explains how to turn metrics on when the backend has none (501)', async () => {
    server.use(...metricsDisabledHandlers);
    renderMonitor('/monitor?service=frontend');
    const view = await screen.findByRole('region', { name: 'Span metrics are turned off' });
    expect(view).toHaveTextContent(METRICS_DISABLED_MESSAGE);
    expect(view).toHaveTextContent('tracelens --metrics-backend embedded');
    expect(view).toHaveTextContent('--prometheus-url');
  });

  it('says when there is no data yet', async () => {
    renderMonitor('/monitor?service=frontend&spanKind=producer');
    const view = await screen.findByRole('region', { name: 'No metrics yet' });
    expect(view).toHaveTextContent('npm start');
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows the backend error as written, and retries', async () => {
    const message = 'failed executing metrics query: prometheus is down';
    server.use(http.get('*/api/metrics/errors', () => jaegerError(500, message)));
    const { user } = renderMonitor('/monitor?service=frontend');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(message);
    server.use(...monitorHandlers);
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    await summary();
  });

  it('shows progress while the metrics load', async () => {
    server.use(http.get('*/api/metrics/calls', () => new Promise<Response>(() => {})));
    renderMonitor('/monitor?service=frontend');
    expect(
      await screen.findByRole('progressbar', { name: /Loading metrics… \(\d of 8 queries\)/ }),
    ).toBeVisible();
  });

  it('says so when nothing has been stored yet', async () => {
    server.use(
      http.get('*/api/services', () =>
        HttpResponse.json({ data: null, total: 0, limit: 0, offset: 0, errors: null }),
      ),
    );
    renderMonitor('/monitor');
    await screen.findByRole('region', { name: 'No services yet' });
  });
});

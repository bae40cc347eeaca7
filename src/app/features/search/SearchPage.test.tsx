import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { DISPATCH_TRACE_ID } from '../../../../mocks/data/dispatchTrace';
import { generationHandlers } from '../../../../mocks/generations';
import { mockTraces } from '../../../../mocks/handlers';
import { setupMswServer } from '../../../../mocks/node';
import { recordRequests } from '../../../../mocks/recordRequests';
import { apiUrl } from '../../basePath';
import { renderApp } from '../../testing/renderApp';
import { relativeTime } from './relativeTime';
import { field, findButton, setupSearchTests } from './searchTesting';

// The plot is recharts in SVG: happy-dom cannot lay it out, and it is tested in Chromium
// (SearchResults.browser.test.tsx); here it would only slow every search down.
vi.mock('./lazyScatterPlot', () => ({ LazyTraceScatterPlot: () => null, preloadScatterPlot: () => {} }));

const server = setupMswServer();
setupSearchTests();

const serviceSelect = () => field(/^Service/);

describe('Search page', () => {
  it('lists the services from the backend, sorted by name, with their count', async () => {
    server.use(
      http.get('*/api/v3/services', () =>
        HttpResponse.json({ services: ['frontend', 'driver', 'customer'] }),
      ),
    );
    renderApp('/search');
    await waitFor(() => expect(serviceSelect()).toHaveTextContent('customer'));
    expect(screen.getByText('Service (3)')).toBeInTheDocument();
    const options = within(serviceSelect())
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(options).toEqual(['All services', 'customer', 'driver', 'frontend']);
  });

  it('runs the search in the URL on load, with the window it names', async () => {
    const requests = recordRequests(server);
    renderApp('/search?service=frontend&lookback=2h&limit=7');
    expect(await screen.findByRole('heading', { name: '2 traces' })).toBeInTheDocument();
    requests.stop();
    const searches = requests
      .to('api/v3/trace-summaries')
      .filter((u) => u.searchParams.has('query.startTimeMin'));
    expect(searches).toHaveLength(1);
    const query = searches[0].searchParams;
    expect(query.get('query.serviceName')).toBe('frontend');
    expect(query.get('query.searchDepth')).toBe('7');
    const span = Date.parse(query.get('query.startTimeMax')!) - Date.parse(query.get('query.startTimeMin')!);
    expect(span).toBe(2 * 3600e3);
    expect(Math.abs(Date.parse(query.get('query.startTimeMax')!) - Date.now())).toBeLessThan(60e3);
    // The form shows the search it ran.
    expect(serviceSelect()).toHaveValue('frontend');
    expect(field('Lookback')).toHaveValue('2h');
    expect(field('Limit results')).toHaveValue('7');
  });

  it('shows each trace with its name, counts, services, duration and start, linking to the trace', async () => {
    renderApp('/search?service=frontend');
    const list = await screen.findByRole('list', { name: 'Traces' });
    const items = within(list)
      .getAllByRole('listitem')
      .filter((li) => li.parentElement === list);
    expect(items).toHaveLength(2);

    // Newest first: the dispatch request started 90 s after the config one.
    const dispatch = items[0];
    expect(dispatch).toHaveAttribute('aria-posinset', '1');
    expect(dispatch).toHaveAttribute('aria-setsize', '2');
    const link = within(dispatch).getByRole('link', { name: 'frontend: HTTP GET /dispatch' });
    expect(link).toHaveAttribute('href', `/trace/${DISPATCH_TRACE_ID}`);
    expect(dispatch).toHaveTextContent('8 spans');
    expect(within(dispatch).getByText('1 error')).toHaveClass('result__errors--some');
    expect(dispatch).toHaveTextContent('512 ms');
    expect(dispatch).toHaveTextContent(DISPATCH_TRACE_ID.slice(0, 7));
    const services = within(dispatch).getByRole('list', { name: 'Services' });
    expect(
      within(services)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['customer2 spans', 'driver3 spans, 1 error', 'frontend3 spans']);
    // The fixture's start is fixed and the clock is not: the words depend on today's date.
    const time = dispatch.querySelector('time');
    expect(time).toHaveAttribute('datetime', '2025-11-24T16:00:00.000Z');
    expect(time?.getAttribute('title')).toMatch(/2025/);
    expect(time).toHaveTextContent(relativeTime(Date.parse('2025-11-24T16:00:00.000Z') * 1000, Date.now()));

    const config = items[1];
    expect(within(config).getByRole('link')).toHaveAccessibleName('frontend: HTTP GET /config');
    expect(within(config).getByText('0 errors')).not.toHaveClass('result__errors--some');
    expect(config).toHaveTextContent('3.15 ms');
  });

  it('writes a submitted search into the URL as Jaeger UI does, and shows its results', async () => {
    const { user, router } = renderApp('/search');
    await waitFor(() => expect(serviceSelect()).toHaveTextContent('driver'));
    await user.selectOptions(serviceSelect(), 'driver');
    await user.selectOptions(field('Lookback'), '15m');
    await user.clear(field('Limit results'));
    await user.type(field('Limit results'), '5');
    await user.click(findButton());

    expect(await screen.findByRole('heading', { name: '1 trace' })).toBeInTheDocument();
    const params = new URLSearchParams(router.state.location.search);
    expect([...params.keys()]).toEqual(['service', 'lookback', 'start', 'end', 'limit']);
    expect(params.get('service')).toBe('driver');
    expect(params.get('lookback')).toBe('15m');
    expect(Number(params.get('end')) - Number(params.get('start'))).toBe(15 * 60e6);
    expect(params.get('limit')).toBe('5');
  });

  it('searches every service where the backend allows it', async () => {
    const { user, router } = renderApp('/search');
    await waitFor(() => expect(serviceSelect()).toHaveTextContent('All services'));
    await user.selectOptions(serviceSelect(), 'All services');
    await user.click(findButton());
    expect(await screen.findByRole('heading', { name: '2 traces' })).toBeInTheDocument();
    expect(new URLSearchParams(router.state.location.search).has('service')).toBe(false);
  });

  it('says when a search finds nothing', async () => {
    server.use(http.get('*/api/v3/trace-summaries', () => HttpResponse.json({ summaries: [] })));
    renderApp('/search?service=frontend&lookback=1h');
    expect(
      await screen.findByRole('heading', { name: 'No traces found for frontend in the last hour' }),
    ).toBeInTheDocument();
  });

  it('explains how to send data when no service has reported yet', async () => {
    server.use(http.get('*/api/v3/services', () => HttpResponse.json({ services: [] })));
    renderApp('/search');
    const empty = await screen.findByRole('region', { name: 'No services have sent traces yet' });
    expect(empty).toHaveTextContent('http://127.0.0.1:4318/v1/traces');
    expect(empty).toHaveTextContent('npm start');
  });

  it('gives hints on an empty search page', async () => {
    renderApp('/search');
    const hints = await screen.findByRole('region', { name: 'Find traces' });
    expect(hints).toHaveTextContent('http.status_code=500 error=true');
  });

  it("shows a v3 backend's error message as written, and Retry searches again", async () => {
    const message = 'search failed: storage backend "badger" is closed';
    window.JAEGER_BACKEND_CAPABILITIES = { archiveStorage: false, metricsStorage: false, aiAssistant: false };
    server.use(
      http.get(
        '*/api/v3/trace-summaries',
        () => new HttpResponse(`${JSON.stringify({ error: { httpCode: 500, message } })}\n`, { status: 500 }),
        { once: true },
      ),
    );
    const { user } = renderApp('/search?service=frontend');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(message);
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('heading', { name: '2 traces' })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('says the backend went away when a search gets no response, and Retry searches again', async () => {
    window.JAEGER_BACKEND_CAPABILITIES = { archiveStorage: false, metricsStorage: false, aiAssistant: false };
    server.use(http.get('*/api/v3/trace-summaries', () => HttpResponse.error(), { once: true }));
    const { user } = renderApp('/search?service=frontend');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not reach the backend');
    expect(alert).toHaveTextContent(/api\/v3\/trace-summaries\?.* could not be reached/);
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('heading', { name: '2 traces' })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it("shows a v1 backend's errors[0].msg as written", async () => {
    server.use(...generationHandlers('jaeger-2.14', mockTraces));
    renderApp('/search?service=frontend&minDuration=1x');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      `unable to parse param 'minDuration': time: unknown unit "x" in duration "1x"`,
    );
  });

  it('says the backend cannot be reached, names its URL, and retries', async () => {
    server.use(http.all('*/api/*', () => HttpResponse.error()));
    const { user } = renderApp('/search');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not reach the backend');
    expect(alert).toHaveTextContent(
      `The backend at ${apiUrl('api/v3/services').toString()} could not be reached.`,
    );
    expect(serviceSelect()).toHaveDisplayValue('Services unavailable');
    server.resetHandlers();
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(screen.queryByRole('alert')).not.toBeInTheDocument());
    await waitFor(() => expect(serviceSelect()).toHaveTextContent('frontend'));
  });
});

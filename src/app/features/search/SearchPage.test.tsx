import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { envelope } from '../../../core/jaeger/jaegerJson';
import { jaegerError } from '../../../../mocks/handlers';
import { setupMswServer } from '../../../../mocks/node';
import { DISPATCH_TRACE_ID } from '../../../../mocks/data/dispatchTrace';
import { apiUrl } from '../../basePath';
import { renderApp } from '../../testing/renderApp';

const server = setupMswServer();

function serviceSelect() {
  return screen.getByRole('combobox', { name: 'Service' });
}

async function optionsOf(select: HTMLElement) {
  return within(select)
    .getAllByRole('option')
    .map((o) => o.textContent);
}

describe('Search page', () => {
  it('lists the services from the backend, sorted by name', async () => {
    server.use(
      http.get('*/api/services', () => HttpResponse.json(envelope(['frontend', 'driver', 'customer'], 3))),
    );
    renderApp('/search');
    await waitFor(() => expect(serviceSelect()).toHaveTextContent('customer'));
    expect(await optionsOf(serviceSelect())).toEqual(['customer', 'driver', 'frontend']);
  });

  it('runs the search in the URL on load, with Jaeger parameters and a start/end window', async () => {
    const requests: URL[] = [];
    server.events.on('request:start', ({ request }) => {
      if (request.url.includes('/api/traces?')) requests.push(new URL(request.url));
    });
    renderApp('/search?service=frontend&lookback=2h&limit=7');

    expect(await screen.findByRole('heading', { name: '2 traces' })).toBeInTheDocument();
    server.events.removeAllListeners();
    expect(requests).toHaveLength(1);
    const query = requests[0].searchParams;
    expect(query.get('service')).toBe('frontend');
    expect(query.get('limit')).toBe('7');
    expect(query.get('lookback')).toBe('2h');
    expect(Number(query.get('end')) - Number(query.get('start'))).toBe(2 * 3600e6);
    expect(Math.abs(Number(query.get('end')) - Date.now() * 1000)).toBeLessThan(60e6);
    // The form shows the search it ran.
    expect(serviceSelect()).toHaveValue('frontend');
    expect(screen.getByRole('combobox', { name: 'Lookback' })).toHaveValue('2h');
    expect(screen.getByRole('textbox', { name: 'Limit results' })).toHaveValue('7');
  });

  it('shows each trace with its name, counts, services and duration, linking to the trace', async () => {
    renderApp('/search?service=frontend');
    const list = await screen.findByRole('list', { name: 'Traces' });
    const items = within(list)
      .getAllByRole('listitem', { name: '' })
      .filter((li) => li.parentElement === list);
    expect(items).toHaveLength(2);

    // Newest first: the dispatch request started 90 s after the config one.
    const dispatch = items[0];
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

    const config = items[1];
    expect(within(config).getByRole('link')).toHaveAccessibleName('frontend: HTTP GET /config');
    expect(within(config).getByText('0 errors')).not.toHaveClass('result__errors--some');
    expect(config).toHaveTextContent('3.15 ms');
  });

  it('writes a submitted search into the URL and shows its results', async () => {
    const { user, router } = renderApp('/search');
    await waitFor(() => expect(serviceSelect()).toHaveTextContent('driver'));
    await user.selectOptions(serviceSelect(), 'driver');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Lookback' }), '15m');
    const limit = screen.getByRole('textbox', { name: 'Limit results' });
    await user.clear(limit);
    await user.type(limit, '5');
    await user.click(screen.getByRole('button', { name: 'Find traces' }));

    expect(await screen.findByRole('heading', { name: '1 trace' })).toBeInTheDocument();
    expect(Object.fromEntries(new URLSearchParams(router.state.location.search))).toEqual({
      service: 'driver',
      lookback: '15m',
      limit: '5',
    });
  });

  it('explains an invalid limit inline and will not search with it', async () => {
    const { user } = renderApp('/search');
    const limit = screen.getByRole('textbox', { name: 'Limit results' });
    await user.clear(limit);
    await user.type(limit, '2000');
    expect(limit).toHaveAttribute('aria-invalid', 'true');
    expect(limit).toHaveAccessibleDescription('Enter a whole number from 1 to 1500.');
    expect(screen.getByRole('button', { name: 'Find traces' })).toBeDisabled();
    await user.clear(limit);
    await user.type(limit, '50');
    expect(limit).toHaveAttribute('aria-invalid', 'false');
    expect(screen.getByRole('button', { name: 'Find traces' })).toBeEnabled();
  });

  it('says when a search finds nothing', async () => {
    server.use(http.get('*/api/traces', () => HttpResponse.json(envelope([], 0))));
    renderApp('/search?service=frontend&lookback=1h');
    expect(
      await screen.findByRole('heading', { name: 'No traces found for frontend in the last hour' }),
    ).toBeInTheDocument();
  });

  it('explains how to send data when no service has reported yet', async () => {
    server.use(http.get('*/api/services', () => HttpResponse.json(envelope(null, 0))));
    renderApp('/search');
    const empty = await screen.findByRole('region', { name: 'No services have sent traces yet' });
    expect(empty).toHaveTextContent('http://127.0.0.1:4318/v1/traces');
    expect(empty).toHaveTextContent('127.0.0.1:4317');
    expect(empty).toHaveTextContent('npm start');
  });

  it("shows the backend's error message as written, and Retry searches again", async () => {
    const message = 'search failed: storage backend "badger" is closed';
    server.use(http.get('*/api/traces', () => jaegerError(500, message), { once: true }));
    const { user } = renderApp('/search?service=frontend');

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(message);
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('heading', { name: '2 traces' })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('names the backend URL when the backend cannot be reached', async () => {
    server.use(http.get('*/api/services', () => HttpResponse.error()));
    renderApp('/search');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      `The backend at ${apiUrl('api/services').toString()} could not be reached.`,
    );
    expect(serviceSelect()).toHaveDisplayValue('Services unavailable');
  });
});

import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { setupMswServer } from '../../../../mocks/node';
import { recordRequests } from '../../../../mocks/recordRequests';
import { createSamplingHandlers, type SamplingMockOptions } from '../../../../mocks/sampling';
import { createQueryClient } from '../../api/queryClient';
import { SamplingPage } from './SamplingPage';

const server = setupMswServer();

const standard: SamplingMockOptions = {
  seen: ['driver', 'frontend'],
  defaultProbability: 1,
  document: {
    default_strategy: { type: 'probabilistic', param: 0.5 },
    service_strategies: [
      {
        service: 'frontend',
        type: 'probabilistic',
        param: 0.25,
        operation_strategies: [{ operation: 'GET /health', type: 'probabilistic', param: 0 }],
      },
      { service: 'billing', type: 'ratelimiting', param: 5 },
    ],
  },
};

function renderPage(options: SamplingMockOptions | null = standard) {
  if (options) server.use(...createSamplingHandlers(options));
  const queryClient = createQueryClient({ defaultOptions: { queries: { retry: false } } });
  const router = createMemoryRouter(
    [
      { path: '/sampling', element: <SamplingPage /> },
      { path: '/search', element: <p>search page</p> },
    ],
    { initialEntries: ['/sampling'] },
  );
  const user = userEvent.setup();
  render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { user, router };
}

/** The JSON bodies of the PUTs sent, until the test ends. */
function recordPutBodies(): unknown[] {
  const bodies: unknown[] = [];
  const listener = ({ request }: { request: Request }) => {
    if (request.method === 'PUT')
      void request
        .clone()
        .json()
        .then((b: unknown) => bodies.push(b));
  };
  server.events.on('request:start', listener);
  onTestFinished(() => server.events.removeListener('request:start', listener));
  return bodies;
}

const table = () => screen.findByRole('table', { name: 'Sampling strategies' });
const row = async (name: string | RegExp) => {
  const cell = within(await table()).getByRole('rowheader', { name });
  return cell.closest('tr')!;
};
const editor = (service: string) => screen.getByRole('form', { name: `Sampling strategy for ${service}` });

describe('Sampling page', () => {
  it('lists the default strategy, seen and configured services, with their strategy and overrides', async () => {
    renderPage();
    const rows = within(await table())
      .getAllByRole('rowheader')
      .map((h) => h.textContent);
    expect(rows).toEqual([
      'Default strategyServices without their own',
      'billing no spans yet',
      'driver',
      'frontend',
    ]);

    expect(await row(/^Default strategy/)).toHaveTextContent('50 % default');
    const billing = await row(/^billing/);
    expect(billing).toHaveTextContent('5 traces/s rate limiting');
    expect(within(billing).queryByRole('link')).toBeNull();
    const driver = await row('driver');
    expect(driver).toHaveTextContent('50 % follows the default');
    const frontend = await row('frontend');
    expect(frontend).toHaveTextContent('25 % probabilistic');
    expect(within(frontend).getByRole('listitem')).toHaveTextContent('GET /health 0 %');
    expect(within(frontend).getByRole('link', { name: 'frontend' })).toHaveAttribute(
      'href',
      '/search?service=frontend',
    );
    expect(screen.getByText(/Kept in memory/)).toBeInTheDocument();
  });

  it('shows the observed rates next to each service, with a described sparkline', async () => {
    renderPage({ ...standard, requestsPerSecond: 4, spansPerTrace: 5 });
    const frontend = await row('frontend');
    const chart = await within(frontend).findByRole('img', {
      name: /^Spans per second, last 5 minutes: latest/,
    });
    expect(chart.querySelector('svg')).not.toBeNull();
    expect(frontend).toHaveTextContent(/\d+\.\d+ spans\/s/);
    expect(frontend).toHaveTextContent(/\d\.\d\d traces\/s start here/);
    expect(await row(/^billing/)).toHaveTextContent('No spans in the last 5 minutes');
  });

  it('refreshes the observed rates every 5 seconds', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    onTestFinished(() => {
      vi.useRealTimers();
    });
    const requests = recordRequests(server);
    renderPage();
    await row('frontend');
    await waitFor(() => expect(requests.to('api/sampling/observed')).toHaveLength(1));
    expect(requests.to('api/sampling/observed')[0].searchParams.get('window')).toBe('5m');
    vi.advanceTimersByTime(5_000);
    await waitFor(() => expect(requests.to('api/sampling/observed')).toHaveLength(2));
    requests.stop();
  });

  it('saves a new probability, entered as a percentage, and the table shows it at once', async () => {
    const { user } = renderPage();
    const requests = recordRequests(server);
    await user.click(within(await row('driver')).getByRole('button', { name: 'Edit driver' }));
    const form = editor('driver');
    expect(within(form).getByRole('radio', { name: 'Default strategy (50 %)' })).toHaveFocus();
    await user.click(within(form).getByRole('radio', { name: 'Probabilistic' }));
    const percent = within(form).getByLabelText('Sampling percentage');
    await user.clear(percent);
    await user.type(percent, '10');
    await user.click(within(form).getByRole('button', { name: 'Save' }));

    expect(await screen.findByText(/Saved: driver is now sampled at 10 %/)).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: /driver/ })).toBeNull();
    expect(await row('driver')).toHaveTextContent('10 % probabilistic');
    expect(within(await row('driver')).getByRole('button', { name: 'Edit driver' })).toHaveFocus();
    const put = requests.urls.find((u) => u.pathname.endsWith('/api/sampling/strategies/driver'));
    expect(put).toBeDefined();
    requests.stop();
  });

  it('sends the strategy as Jaeger file JSON, per-operation overrides included', async () => {
    const bodies = recordPutBodies();
    const { user } = renderPage();
    await user.click(within(await row('frontend')).getByRole('button', { name: 'Edit frontend' }));
    const form = editor('frontend');
    // Edit the existing override, add one, then remove the first.
    const health = within(form).getByLabelText('Sampling percentage for GET /health');
    await user.clear(health);
    await user.type(health, '1');
    await user.click(within(form).getByRole('button', { name: 'Add operation override' }));
    expect(within(form).getByLabelText('Operation 2 name')).toHaveFocus();
    await user.type(within(form).getByLabelText('Operation 2 name'), 'POST /dispatch');
    await user.type(within(form).getByLabelText('Sampling percentage for POST /dispatch'), '50');
    await user.click(within(form).getByRole('button', { name: 'Remove GET /health' }));
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    await screen.findByText(/Saved: frontend/);
    expect(bodies).toEqual([
      {
        type: 'probabilistic',
        param: 0.25,
        operation_strategies: [{ operation: 'POST /dispatch', type: 'probabilistic', param: 0.5 }],
      },
    ]);
    expect(within(await row('frontend')).getByRole('listitem')).toHaveTextContent('POST /dispatch 50 %');
  });

  it('checks the fields before saving and sends nothing while one is wrong', async () => {
    const { user } = renderPage();
    const requests = recordRequests(server);
    await user.click(within(await row('frontend')).getByRole('button', { name: 'Edit frontend' }));
    const form = editor('frontend');
    const percent = within(form).getByLabelText('Sampling percentage');
    await user.clear(percent);
    await user.type(percent, '150');
    expect(percent).toHaveAttribute('aria-invalid', 'true');
    expect(percent).toHaveAccessibleDescription(/Enter a percentage from 0 to 100\./);
    await user.click(within(form).getByRole('button', { name: 'Add operation override' }));
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(within(form).getByText('Enter the operation name.')).toBeInTheDocument();
    await waitFor(() => expect(percent).toHaveFocus());

    await user.click(within(form).getByRole('radio', { name: 'Rate limiting' }));
    const rate = within(form).getByLabelText('Max traces per second');
    await user.clear(rate);
    await user.type(rate, '2.5');
    expect(rate).toHaveAccessibleDescription(/Enter a whole number of traces per second, 0 or more\./);
    expect(requests.urls.filter((u) => u.pathname.includes('/strategies/'))).toEqual([]);
    requests.stop();
  });

  it("shows the backend's message as written when it refuses an edit, and keeps the editor open", async () => {
    const { user } = renderPage();
    server.use(
      http.put('*/api/sampling/strategies/:service', () =>
        HttpResponse.text(
          `${JSON.stringify({ data: null, total: 0, limit: 0, offset: 0, errors: [{ code: 500, msg: 'cannot save the strategies to /etc/s.json: EACCES' }] })}\n`,
          { status: 500 },
        ),
      ),
    );
    await user.click(within(await row('driver')).getByRole('button', { name: 'Edit driver' }));
    const form = editor('driver');
    await user.click(within(form).getByRole('radio', { name: 'Rate limiting' }));
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    const alert = await within(form).findByRole('alert');
    expect(alert).toHaveTextContent('Not saved. cannot save the strategies to /etc/s.json: EACCES');
    expect(await row('driver')).toHaveTextContent('50 % follows the default');
  });

  it('returns a service to the default strategy', async () => {
    const { user } = renderPage();
    await user.click(within(await row('frontend')).getByRole('button', { name: 'Edit frontend' }));
    await user.click(within(editor('frontend')).getByRole('button', { name: 'Use the default strategy' }));
    expect(await screen.findByText(/Saved: frontend is now sampled at 50 %/)).toBeInTheDocument();
    expect(await row('frontend')).toHaveTextContent('50 % follows the default');
  });

  it('edits the default strategy through the whole document, keeping the services', async () => {
    const bodies = recordPutBodies();
    const { user } = renderPage();
    await user.click(
      within(await row(/^Default strategy/)).getByRole('button', { name: 'Edit the default strategy' }),
    );
    const form = editor('the default strategy');
    const percent = within(form).getByLabelText('Sampling percentage');
    await user.clear(percent);
    await user.type(percent, '0.1');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(
      await screen.findByText(/Saved: The default strategy is now sampled at 0.1 %/),
    ).toBeInTheDocument();
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toMatchObject({
      default_strategy: { type: 'probabilistic', param: 0.001 },
      service_strategies: [{ service: 'frontend' }, { service: 'billing' }],
    });
    expect(await row('driver')).toHaveTextContent('0.1 % follows the default');
  });

  it('sets a strategy for a service that has not sent spans yet', async () => {
    const { user } = renderPage();
    const add = await screen.findByRole('form', { name: 'Set a strategy for another service' });
    await user.click(within(add).getByRole('button', { name: 'Set strategy' }));
    expect(within(add).getByLabelText('Another service')).toHaveAccessibleDescription(
      /Enter the service name/,
    );
    await user.type(within(add).getByLabelText('Another service'), 'payments');
    await user.click(within(add).getByRole('button', { name: 'Set strategy' }));
    const form = editor('payments');
    await user.click(within(form).getByRole('radio', { name: 'Rate limiting' }));
    await user.clear(within(form).getByLabelText('Max traces per second'));
    await user.type(within(form).getByLabelText('Max traces per second'), '3');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/Saved: payments is now sampled at 3 traces\/s/)).toBeInTheDocument();
    expect(await row(/^payments/)).toHaveTextContent('3 traces/s rate limiting');
  });

  it('explains that a backend without the sampling API (plain Jaeger) cannot show this page', async () => {
    // What Jaeger's query service answers for a route it does not have.
    server.use(
      http.all('*/api/sampling/*', () => HttpResponse.text('404 page not found\n', { status: 404 })),
    );
    renderPage(null);
    expect(
      await screen.findByRole('heading', { name: 'Sampling needs the Tracelens backend' }),
    ).toBeInTheDocument();
    expect(screen.getByText(/answered 404/)).toBeInTheDocument();
  });

  it('shows loading, then a failure with a retry that works', async () => {
    let fail = true;
    server.use(
      http.get('*/api/sampling/strategies', () =>
        fail ? HttpResponse.text('upstream timeout', { status: 502 }) : undefined,
      ),
      ...createSamplingHandlers(standard),
    );
    const { user } = renderPage(null);
    expect(screen.getByRole('progressbar', { name: 'Loading sampling strategies…' })).toBeInTheDocument();
    const alert = await screen.findByRole('alert', { name: 'Could not load the sampling strategies' });
    expect(alert).toHaveTextContent('answered HTTP 502');
    fail = false;
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await table()).toBeInTheDocument();
  });
});

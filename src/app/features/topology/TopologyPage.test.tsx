import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { setupMswServer } from '../../../../mocks/node';
import { createTopologyHandlers, hotrodTopology, type TopologyMockOptions } from '../../../../mocks/topology';
import { createQueryClient } from '../../api/queryClient';
import { TopologyPage } from './TopologyPage';

const server = setupMswServer();

function renderPage(options: TopologyMockOptions | null, path = '/dependencies') {
  if (options) server.use(...createTopologyHandlers(options));
  const queryClient = createQueryClient({ defaultOptions: { queries: { retry: false } } });
  const router = createMemoryRouter([{ path: '/dependencies', element: <TopologyPage /> }], {
    initialEntries: [path],
  });
  render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { router, user: userEvent.setup() };
}

describe('TopologyPage states', () => {
  it('shows the empty state when no call was recorded', async () => {
    renderPage({ topology: { nodes: [], edges: [] } });
    expect(await screen.findByRole('heading', { name: 'No service dependencies yet' })).toBeInTheDocument();
  });

  it('counts the services of the topology', async () => {
    renderPage({ topology: hotrodTopology });
    expect(await screen.findByText(/Showing 5 of 5 services/)).toBeInTheDocument();
  });

  it('falls back to /api/dependencies on a plain Jaeger', async () => {
    renderPage({ topology: null, dependencies: [{ parent: 'frontend', child: 'driver', callCount: 3 }] });
    expect(await screen.findByText(/Showing 2 of 2 services · call counts only/)).toBeInTheDocument();
  });

  it('shows the backend error with a retry', async () => {
    server.use(
      http.get('*/api/topology', () =>
        HttpResponse.json({ data: null, errors: [{ code: 500, msg: 'storage down' }] }, { status: 500 }),
      ),
    );
    renderPage(null);
    expect(await screen.findByText('storage down')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /retry/i })).toBeInTheDocument();
  });

  it('opens a large system focused on its busiest service', async () => {
    const edges = Array.from({ length: 100 }, (_, i) => ({
      parent: i === 0 ? 'gateway' : `svc-${i - 1}`,
      child: `svc-${i}`,
      callCount: i === 0 ? 1000 : 1,
      callsPerSecond: 1,
      errorRate: 0,
      p95Ms: 10,
    }));
    const nodes = ['gateway', ...edges.map((e) => e.child)].map((service) => ({
      service,
      callsPerSecond: 1,
      errorRate: 0,
      p95Ms: 10,
    }));
    renderPage({ topology: { nodes, edges } });
    // svc-0 sees the most calls (1000 in, 1 out); depth 2 keeps gateway above it, svc-1 and svc-2 below.
    expect(await screen.findByText(/Showing 4 of 101 services/)).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Focus service' })).toHaveValue('svc-0');
  });

  it('focus and depth come from the URL', async () => {
    const { user, router } = renderPage({ topology: hotrodTopology }, '/dependencies?service=driver&depth=1');
    expect(await screen.findByText(/Showing 3 of 5 services/)).toBeInTheDocument();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Focus service' }), 'redis');
    expect(router.state.location.search).toContain('service=redis');
    expect(await screen.findByText(/Showing 2 of 5 services/)).toBeInTheDocument();
  });

  it('search focuses the first matching service on Enter', async () => {
    const { user, router } = renderPage({ topology: hotrodTopology });
    await screen.findByText(/Showing 5 of 5/);
    await user.type(screen.getByRole('searchbox', { name: 'Find service' }), 'red{Enter}');
    expect(router.state.location.search).toContain('service=redis');
  });
});

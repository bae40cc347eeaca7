/**
 * The Monitor page in a real Chromium, where recharts can lay out: a click on a chart point
 * drills down to the search page, and screenshots in both themes (reports/monitor-*.png) show
 * that every colour comes from the theme tokens.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { getResponse } from 'msw';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { handlers } from '../../../../mocks/handlers';
import { monitorHandlers } from '../../../../mocks/monitor';
import '../../theme/tokens.css';
import '../../theme/base.css';
import { MonitorPage } from './MonitorPage';
import { SearchStandIn } from './SearchStandIn';

const realFetch = globalThis.fetch;

// MSW's service worker is not registered under Vitest's browser runner, so fetch is answered
// from the same handlers directly.
beforeEach(() => {
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    return (await getResponse([...monitorHandlers, ...handlers], request)) ?? realFetch(request);
  };
});
afterEach(() => {
  globalThis.fetch = realFetch;
});

function renderMonitor(path: string) {
  const router = createMemoryRouter(
    [
      { path: '/monitor', element: <MonitorPage /> },
      { path: '/search', element: <SearchStandIn /> },
    ],
    { initialEntries: [path] },
  );
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <div style={{ width: 1200, height: 900, display: 'flex' }}>
        <RouterProvider router={router} />
      </div>
    </QueryClientProvider>,
  );
}

describe('Monitor page in Chromium', () => {
  it('drills down from a latency point to slow traces around it', async () => {
    const screen = await renderMonitor('/monitor?service=frontend&spanKind=client');
    await expect.element(screen.getByText(/^Latest: p95 latency/)).toBeVisible();
    const plot = screen.getByTestId('monitor-chart-latency').element();
    // Wait for ResponsiveContainer to measure and draw, or the click would land on nothing.
    await expect.poll(() => plot.querySelector('.recharts-line-curve')).not.toBeNull();
    const box = plot.getBoundingClientRect();
    await userEvent.click(plot, { position: { x: Math.round(box.width / 2), y: 80 } });
    const location = screen.getByTestId('search-location');
    await expect.element(location).toBeInTheDocument();
    const landed = new URL(location.element().textContent ?? '', 'http://h');
    expect(landed.pathname).toBe('/search');
    expect(landed.searchParams.get('service')).toBe('frontend');
    expect(landed.searchParams.get('lookback')).toBe('custom');
    expect(Number(landed.searchParams.get('end'))).toBeGreaterThan(Number(landed.searchParams.get('start')));
    expect(landed.searchParams.get('minDuration')).toMatch(/^\d+ms$/);
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`renders in the ${theme} theme`, async () => {
      document.documentElement.dataset.theme = theme;
      await page.viewport(1200, 900);
      const screen = await renderMonitor('/monitor?service=frontend&spanKind=client');
      await expect.element(screen.getByText(/^Latest: p95 latency/)).toBeVisible();
      await page.screenshot({ path: `../../../../reports/monitor-${theme}.png` });
    });
  }
});

/**
 * The Monitor page in a real Chromium, where recharts can lay out: one time axis and one hover
 * cursor across the charts, a click on a chart point
 * drills down to the search page, a drag across a chart searches that time range (Escape
 * cancels it), and screenshots in both themes (reports/monitor-*.png) show
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

  it('puts the three charts on one time axis, with one hover cursor across them', async () => {
    const screen = await renderMonitor('/monitor?service=frontend&spanKind=client&lookback=15m');
    await expect.element(screen.getByText(/^Latest: p95 latency/)).toBeVisible();
    const plots = ['latency', 'errors', 'rate'].map((id) =>
      screen.getByTestId(`monitor-chart-${id}`).element(),
    );
    for (const plot of plots)
      await expect.poll(() => plot.querySelector('.recharts-line-curve')).not.toBeNull();
    // The time axis's ticks: the only ones with a colon.
    const ticks = (plot: Element) =>
      [...plot.querySelectorAll('.recharts-cartesian-axis-tick-value')]
        .map((t) => t.textContent ?? '')
        .filter((t) => t.includes(':'));
    await expect.poll(() => ticks(plots[0]).length).toBeGreaterThan(2);
    expect(ticks(plots[1])).toEqual(ticks(plots[0]));
    expect(ticks(plots[2])).toEqual(ticks(plots[0]));
    const box = plots[0].getBoundingClientRect();
    await userEvent.hover(plots[0], { position: { x: Math.round(box.width * 0.6), y: 100 } });
    for (const plot of plots)
      await expect.poll(() => plot.querySelector('.recharts-tooltip-cursor')).not.toBeNull();
  });

  it("searches the time range dragged across a chart, without the click's minimum duration", async () => {
    const screen = await renderMonitor('/monitor?service=frontend&spanKind=client&lookback=15m');
    await expect.element(screen.getByText(/^Latest: p95 latency/)).toBeVisible();
    const plot = screen.getByTestId('monitor-chart-latency');
    await expect.poll(() => plot.element().querySelector('.recharts-line-curve')).not.toBeNull();
    const box = plot.element().getBoundingClientRect();
    // A real pointer: Playwright presses at 30 % of the width, moves to 80 % and releases.
    await userEvent.dragAndDrop(plot, plot, {
      sourcePosition: { x: Math.round(box.width * 0.3), y: 100 },
      targetPosition: { x: Math.round(box.width * 0.8), y: 100 },
    });
    const location = screen.getByTestId('search-location');
    await expect.element(location).toBeInTheDocument();
    const landed = new URL(location.element().textContent ?? '', 'http://h');
    expect(landed.pathname).toBe('/search');
    expect(landed.searchParams.get('service')).toBe('frontend');
    expect(landed.searchParams.get('lookback')).toBe('custom');
    expect(landed.searchParams.has('minDuration')).toBe(false);
    // Half the box: some 70 % of the 15-minute axis inside the margins.
    const spanMin =
      (Number(landed.searchParams.get('end')) - Number(landed.searchParams.get('start'))) / 60e6;
    expect(spanMin).toBeGreaterThan(7);
    expect(spanMin).toBeLessThan(12);
    expect(Number(landed.searchParams.get('end'))).toBeLessThan(Date.now() * 1000);
  });

  it('shows the dragged range as a band, and Escape cancels it', async () => {
    const screen = await renderMonitor('/monitor?service=frontend&spanKind=client&lookback=15m');
    await expect.element(screen.getByText(/^Latest: p95 latency/)).toBeVisible();
    const plot = screen.getByTestId('monitor-chart-rate').element();
    await expect.poll(() => plot.querySelector('.recharts-line-curve')).not.toBeNull();
    const surface = plot.querySelector<HTMLElement>('.recharts-wrapper')!;
    const box = surface.getBoundingClientRect();
    const mouse = (type: string, fx: number) =>
      surface.dispatchEvent(
        new MouseEvent(type, {
          clientX: box.left + box.width * fx,
          clientY: box.top + 100,
          button: 0,
          bubbles: true,
        }),
      );
    mouse('mousemove', 0.4);
    mouse('mousedown', 0.4);
    mouse('mousemove', 0.5);
    mouse('mousemove', 0.7);
    const band = () => plot.querySelector('.recharts-reference-area-rect');
    await expect.poll(band).not.toBeNull();
    const drawn = band()!.getBoundingClientRect();
    expect(drawn.width).toBeGreaterThan(box.width * 0.2);
    expect(drawn.left).toBeGreaterThan(box.left + box.width * 0.3);
    await expect.element(screen.getByText(/^\d\d:\d\d:\d\d.*–\d\d:\d\d:\d\d.* · Esc cancels$/)).toBeVisible();
    await userEvent.keyboard('{Escape}');
    await expect.poll(band).toBeNull();
    mouse('mouseup', 0.7);
    await new Promise((r) => setTimeout(r, 100));
    expect(document.querySelector('[data-testid="search-location"]')).toBeNull();
    expect(screen.getByText(/^Latest: p95 latency/).element()).toBeVisible();
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`renders in the ${theme} theme`, async () => {
      document.documentElement.dataset.theme = theme;
      await page.viewport(1200, 900);
      const screen = await renderMonitor('/monitor?service=frontend&spanKind=client');
      await expect.element(screen.getByText(/^Latest: p95 latency/)).toBeVisible();
      // The pointer may still be where an earlier test left it: off the charts, no tooltip.
      await userEvent.hover(screen.getByRole('heading', { name: 'Monitor' }));
      await page.screenshot({ path: `../../../../reports/monitor-${theme}.png` });
    });
  }
});

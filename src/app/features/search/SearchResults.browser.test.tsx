/**
 * The result list and scatter plot in a real Chromium: layout, pointer input and paint timing,
 * which happy-dom cannot give. The 1,500-result budget (≤ 1 s from the response to an interactive
 * page) is asserted here and the measured figures are printed.
 */
import { useState } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import type { TraceSummary } from '../../../core/trace/summary';
import { parseTraceSummaries } from '../../api/traceSummaries';
import '../../theme/tokens.css';
import '../../theme/base.css';
import { installServicePalette } from '../../theme/servicePalette';
import { mergeRows, type ResultRow, type SortOrder } from './resultRows';
import { SearchResults } from './SearchResults';
import './search.css';
import './results.css';
import { freezeBound } from '../../testing/freezeBound';

installServicePalette(document);

const T0_NS = 1_764_000_000_000_000_000n;
const SERVICES = ['frontend', 'customer', 'driver', 'route', 'mysql', 'redis', 'payments', 'email'];

/** A `/api/v3/trace-summaries` body of `n` summaries, as Jaeger writes it. */
function summariesBody(n: number): string {
  const summaries = [];
  for (let i = 0; i < n; i++) {
    const start = T0_NS + BigInt(i) * 2_000_000_000n;
    const duration = BigInt(1 + ((i * 7919) % 5000)) * 100_000n;
    const errors = i % 9 === 0 ? 1 + (i % 4) : 0;
    const services = SERVICES.slice(0, 1 + (i % SERVICES.length)).map((name, k) => ({
      name,
      spanCount: 1 + ((i + k) % 20),
      ...(k === 0 && errors ? { errorSpanCount: errors } : {}),
    }));
    summaries.push({
      traceId: (i + 1).toString(16).padStart(32, '0'),
      rootServiceName: 'frontend',
      rootOperationName: `HTTP GET /api/v${i % 5}/items`,
      minStartTimeUnixNano: start.toString(),
      maxEndTimeUnixNano: (start + duration).toString(),
      spanCount: services.reduce((s, x) => s + x.spanCount, 0),
      ...(errors ? { errorSpanCount: errors } : {}),
      services,
    });
  }
  return JSON.stringify({ summaries });
}

interface Harness {
  selected: { start: number; end: number } | null;
  sort: SortOrder;
}

async function mount(rows: readonly ResultRow[], harness: Harness) {
  const router = createMemoryRouter(
    [
      {
        path: '/search',
        element: (
          <div style={{ height: 900, width: 1200, display: 'flex', flexDirection: 'column' }}>
            <SearchResults
              rows={rows}
              sort={harness.sort}
              onSortChange={(s) => (harness.sort = s)}
              onSelectRange={(start, end) => (harness.selected = { start, end })}
              refreshing={false}
            />
          </div>
        ),
      },
      { path: '/trace/:id', element: <p>trace page</p> },
    ],
    { initialEntries: ['/search'] },
  );
  return { router, screen: await render(<RouterProvider router={router} />) };
}

const nextPaint = () => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));
const canvas = () => document.querySelector<HTMLCanvasElement>('.scatter__canvas');
const dotCount = () => Number(canvas()?.dataset.dotCount ?? 0);

/**
 * Client coordinates of the canvas pixels painted (in colour `hex`, when given): where dots are.
 * A dot's fill and outline share one colour, so its pixels keep that colour at any opacity.
 */
function painted(hex?: string): { clientX: number; clientY: number }[] {
  const c = canvas()!;
  const { data, width, height } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
  const rect = c.getBoundingClientRect();
  const want = hex ? [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) : null;
  const out: { clientX: number; clientY: number }[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      if (data[i + 3] === 0) continue;
      // Faint edge pixels lose colour precision when un-premultiplied; judge the solid ones.
      if (want && (data[i + 3] < 96 || [0, 1, 2].some((k) => Math.abs(data[i + k] - want[k]) > 3))) continue;
      out.push({
        clientX: rect.left + (x * rect.width) / width,
        clientY: rect.top + (y * rect.height) / height,
      });
    }
  }
  return out;
}

function pointer(type: string, at: { clientX: number; clientY: number }) {
  const plot = document.querySelector<HTMLElement>('.scatter__plot')!;
  plot.dispatchEvent(new PointerEvent(type, { ...at, pointerId: 1, button: 0, bubbles: true }));
}

afterEach(() => document.documentElement.removeAttribute('data-theme'));

describe('1,500 results in Chromium', () => {
  it('render interactively within 1 s of the response, and scroll and hover stay smooth', async () => {
    const body = summariesBody(1500);
    // The page preloads the plot's chunk while the search runs (lazyScatterPlot.ts); so does this.
    await import('./TraceScatterPlot');
    const t0 = performance.now();
    const summaries: TraceSummary[] = parseTraceSummaries({ url: 'mem', body: JSON.parse(body) });
    const rows = mergeRows(summaries, []);
    const harness: Harness = { selected: null, sort: 'most-recent' };
    const { screen } = await mount(rows, harness);
    await expect.element(screen.getByRole('heading', { name: '1500 traces' })).toBeVisible();
    await nextPaint();
    const firstRender = performance.now() - t0;
    const cards = () => document.querySelectorAll('.result').length;
    await expect.poll(dotCount, { timeout: 15_000 }).toBe(1500);
    const plotted = performance.now() - t0;

    // Scrolling the list a wheel notch (120 px) per frame: only cards entering the view render.
    const scroller = document.querySelector<HTMLElement>('.results__scroll')!;
    const frames: number[] = [];
    for (let i = 1; i <= 60; i++) {
      const f0 = performance.now();
      scroller.scrollTop = i * 120;
      await nextPaint();
      frames.push(performance.now() - f0);
    }
    frames.sort((a, b) => a - b);
    const medianFrame = frames[frames.length >> 1];
    const p90Frame = frames[Math.floor(frames.length * 0.9)];
    // Jumping to the end (scrollbar drag): every card on screen is new.
    const j0 = performance.now();
    scroller.scrollTop = scroller.scrollHeight;
    await nextPaint();
    const jump = performance.now() - j0;
    const lastRow = document.querySelector('.result:last-child')?.getAttribute('aria-posinset');

    // Hovering a dot shows its tooltip: measured from the event, without the test driver's latency,
    // then once more through the real mouse.
    const spot = painted()[500];
    const h0 = performance.now();
    pointer('pointermove', spot);
    await nextPaint();
    const hover = performance.now() - h0;
    expect(document.querySelector('.scatter__tooltip')?.textContent).toMatch(/frontend: HTTP GET/);

    console.log(
      `[perf] 1500 results (React development build): parse+render+paint ${firstRender.toFixed(0)} ms, ` +
        `plot painted ${plotted.toFixed(0)} ms; ${cards()} cards in the DOM; scroll frame median ${medianFrame.toFixed(0)} ms, ` +
        `p90 ${p90Frame.toFixed(0)} ms; jump to end ${jump.toFixed(0)} ms; hover→tooltip ${hover.toFixed(0)} ms`,
    );
    expect(plotted).toBeLessThan(freezeBound(2500));
    expect(cards()).toBeLessThan(40);
    expect(lastRow).toBe('1500');
    // Development React is several times slower than the production build that e2e/search.spec.ts
    // measures against the 1 s budget; these bounds catch regressions such as rendering every card.
    expect(firstRender).toBeLessThan(freezeBound(2500));
    expect(medianFrame).toBeLessThan(freezeBound(60));
    expect(hover).toBeLessThan(freezeBound(100));
  });

  it('re-sorts 1,500 results fast', async () => {
    const rows = mergeRows(parseTraceSummaries({ url: 'mem', body: JSON.parse(summariesBody(1500)) }), []);
    const router = createMemoryRouter([{ path: '/', element: <Sortable rows={rows} /> }]);
    await render(<RouterProvider router={router} />);
    await expect.poll(() => document.querySelectorAll('.result').length).toBeGreaterThan(5);
    const select = document.querySelector<HTMLSelectElement>('.results__sort select')!;
    const t0 = performance.now();
    select.value = 'longest';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await nextPaint();
    const sortMs = performance.now() - t0;
    const first = document.querySelector('.result .result__duration')?.textContent;
    console.log(
      `[perf] 1500 results re-sorted by duration and painted in ${sortMs.toFixed(0)} ms (development build)`,
    );
    expect(first).toBe('499 ms');
    expect(sortMs).toBeLessThan(freezeBound(500));
  });
});

/** SearchResults with its sort held in state, as SearchPage holds it in the URL. */
function Sortable({ rows }: { rows: readonly ResultRow[] }) {
  const [sort, setSort] = useState<SortOrder>('most-recent');
  return (
    <div style={{ height: 900, width: 1200, display: 'flex', flexDirection: 'column' }}>
      <SearchResults
        rows={rows}
        sort={sort}
        onSortChange={setSort}
        onSelectRange={() => {}}
        refreshing={false}
      />
    </div>
  );
}

describe('The scatter plot', () => {
  const rows = mergeRows(parseTraceSummaries({ url: 'mem', body: JSON.parse(summariesBody(30)) }), []);

  it('shows a trace on hover and opens it on click', async () => {
    const { router } = await mount(rows, { selected: null, sort: 'most-recent' });
    await expect.poll(dotCount, { timeout: 15_000 }).toBe(30);
    const spot = painted()[0];
    pointer('pointermove', spot);
    await expect
      .poll(() => document.querySelector('[role="tooltip"]')?.textContent ?? '')
      .toMatch(/^frontend: HTTP GET/);
    expect(document.querySelector('.scatter__plot')).toHaveClass('scatter__plot--on-dot');
    pointer('pointerdown', spot);
    pointer('pointerup', spot);
    expect(router.state.location.pathname).toMatch(/^\/trace\/[0-9a-f]+$/);
  });

  it('goes through the traces in time order from the keyboard', async () => {
    const { router } = await mount(rows, { selected: null, sort: 'most-recent' });
    await expect.poll(dotCount, { timeout: 15_000 }).toBe(30);
    document.querySelector<HTMLElement>('.scatter__plot')!.focus();
    await userEvent.keyboard('{ArrowRight}');
    const tooltip = () => document.querySelector('[role="tooltip"]')?.textContent ?? '';
    await expect.poll(tooltip).toMatch(/^frontend: HTTP GET \/api\/v0\/items/);
    await userEvent.keyboard('{End}');
    await expect.poll(tooltip).toMatch(/^frontend: HTTP GET \/api\/v4\/items/);
    await userEvent.keyboard('{Enter}');
    expect(router.state.location.pathname).toBe(`/trace/${(30).toString(16).padStart(16, '0')}`);
  });

  it('searches the time range dragged across it', async () => {
    const harness: Harness = { selected: null, sort: 'most-recent' };
    await mount(rows, harness);
    await expect.poll(dotCount, { timeout: 15_000 }).toBe(30);
    const box = document.querySelector('.scatter__plot')!.getBoundingClientRect();
    const at = (fx: number) => ({ clientX: box.left + box.width * fx, clientY: box.top + 5 });
    pointer('pointerdown', at(0.3));
    await nextPaint();
    pointer('pointermove', at(0.6));
    await expect.poll(() => document.querySelector('.scatter__selection')).not.toBeNull();
    pointer('pointerup', at(0.6));
    await expect.poll(() => harness.selected).not.toBeNull();
    const first = Number(T0_NS / 1000n);
    const last = first + 29 * 2_000_000;
    const { start, end } = harness.selected!;
    expect(start).toBeGreaterThan(first);
    expect(end).toBeLessThan(last);
    expect(end - start).toBeGreaterThan(10_000_000);
  });

  it('paints errors in the danger colour of the current theme, and repaints on a theme switch', async () => {
    await mount(rows, { selected: null, sort: 'most-recent' });
    await expect.poll(dotCount, { timeout: 15_000 }).toBe(30);
    expect(Number(canvas()!.dataset.errorCount)).toBe(4);
    const token = (name: string) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    const light = token('--color-danger');
    expect(painted(light).length).toBeGreaterThan(0);
    document.documentElement.setAttribute('data-theme', 'dark');
    const dark = token('--color-danger');
    expect(dark).not.toBe(light);
    await expect.poll(() => painted(dark).length).toBeGreaterThan(0);
    expect(painted(light)).toHaveLength(0);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { render } from 'vitest-browser-react';
import { generatedTrace } from '../../../../mocks/data/generatedTrace';
import { installServicePalette } from '../../theme/servicePalette';
import { openTrace, type TraceHandle } from '../../workers/traceClient';
import { spanIdOfRow } from '../../workers/traceModel';
import '../../theme/tokens.css';
import '../../theme/base.css';
import './trace.css';
import { TraceViewHarness } from './testing/TraceViewHarness';
import { freezeBound } from '../../testing/freezeBound';

const SPANS = 100_000;
let handle: TraceHandle;

// Real layout and a real module worker in Chromium: what happy-dom cannot do.
beforeAll(async () => {
  installServicePalette(document);
  const bytes = new TextEncoder().encode(JSON.stringify({ data: [generatedTrace(SPANS)] }));
  const megabytes = (bytes.byteLength / 1e6).toFixed(1);
  const started = performance.now();
  handle = await openTrace(bytes, 'generated');
  const loadMs = performance.now() - started;
  console.info(
    `100k spans: ${megabytes} MB parsed and indexed in the worker in ${loadMs.toFixed(0)} ms`,
    handle.timings,
  );
}, 60_000);
afterAll(() => handle?.dispose());

const rows = (root: Element) => root.querySelectorAll('[role="row"][data-row]');

describe('the trace view at 100k spans, in Chromium', () => {
  it('shows first rows quickly and keeps only the rows on screen in the DOM', async () => {
    const started = performance.now();
    const screen = await render(<TraceViewHarness handle={handle} />);
    await expect.poll(() => rows(screen.container).length).toBeGreaterThan(10);
    const firstRowsMs = performance.now() - started;
    console.info(`100k spans: first rows ${firstRowsMs.toFixed(0)} ms after the worker answered`);
    expect(firstRowsMs).toBeLessThan(freezeBound(1500));
    expect(rows(screen.container).length).toBeLessThan(100);
    expect(screen.container.querySelector('[role="treegrid"]')?.getAttribute('aria-rowcount')).toBe(
      String(SPANS + 1),
    );

    const scroller = screen.container.querySelector<HTMLElement>('.waterfall__scroll')!;
    scroller.scrollTop = scroller.scrollHeight;
    // Rows keep their elements in slot order, not list order (see the reuse test below).
    const lastRowIndex = () =>
      Math.max(...[...rows(screen.container)].map((r) => Number(r.getAttribute('aria-rowindex'))));
    await expect.poll(lastRowIndex).toBe(SPANS + 1);
    expect(rows(screen.container).length).toBeLessThan(100);
  });

  it('collapses and expands all 100k spans within a frame budget', async () => {
    const screen = await render(<TraceViewHarness handle={handle} />);
    await expect.poll(() => rows(screen.container).length).toBeGreaterThan(10);
    const button = (name: string) =>
      [...screen.container.querySelectorAll('button')].find((b) => b.textContent === name)!;
    // React commits a click's update in a microtask; a zero timeout runs after it.
    const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
    const timed = async (name: string) => {
      const t0 = performance.now();
      button(name).click();
      await settle();
      return performance.now() - t0;
    };
    // The machine running tests is shared: the best of three runs is the cost, the rest is noise.
    const collapse: number[] = [];
    const expand: number[] = [];
    const oneLevel: number[] = [];
    for (let run = 0; run < 3; run++) {
      collapse.push(await timed('Collapse all'));
      expect(rows(screen.container).length).toBe(1);
      expand.push(await timed('Expand all'));
      expect(rows(screen.container).length).toBeGreaterThan(10);
      oneLevel.push(await timed('Collapse +1'));
      await timed('Expand all');
    }
    const best = (xs: number[]) => Math.min(...xs);
    console.info(
      `100k spans: collapse all ${best(collapse).toFixed(1)} ms, expand all ${best(expand).toFixed(1)} ms, ` +
        `collapse +1 ${best(oneLevel).toFixed(1)} ms (click to committed DOM, best of 3; all: ${[...collapse, ...expand, ...oneLevel].map((x) => x.toFixed(0)).join(' ')})`,
    );
    expect(best(collapse)).toBeLessThan(freezeBound(100));
    expect(best(expand)).toBeLessThan(freezeBound(100));

    // One row: toggling it costs O(its subtree), not O(trace).
    const root = rows(screen.container)[0] as HTMLElement;
    const t0 = performance.now();
    root.querySelector<HTMLButtonElement>('.wf-toggle')!.click();
    await settle();
    expect(performance.now() - t0).toBeLessThan(freezeBound(100));
  });

  it('scrolls by handing row elements to other spans, listed in order for assistive technology', async () => {
    const screen = await render(<TraceViewHarness handle={handle} />);
    await expect.poll(() => rows(screen.container).length).toBeGreaterThan(10);
    const scroller = screen.container.querySelector<HTMLElement>('.waterfall__scroll')!;
    const group = screen.container.querySelector<HTMLElement>('.waterfall__rows')!;
    const shown = () => [...rows(screen.container)].map((r) => Number(r.getAttribute('data-position')));
    /** Every row on screen is rendered. */
    const covered = () => {
      const positions = shown();
      const firstOnScreen = Math.floor(scroller.scrollTop / 24);
      const lastOnScreen = Math.floor((scroller.scrollTop + scroller.clientHeight - 1) / 24);
      return Math.min(...positions) <= firstOnScreen && Math.max(...positions) >= lastOnScreen;
    };
    // Out of the top of the list first, so the window is full length and every step reuses slots.
    scroller.scrollTop = 24 * 1000;
    await expect.poll(covered).toBe(true);
    const before = new Set(rows(screen.container));

    for (let step = 1; step <= 3; step++) {
      scroller.scrollTop += 24 * 15;
      await expect.poll(covered).toBe(true);
      const after = rows(screen.container);
      expect(after.length).toBe(before.size);
      expect([...after].every((r) => before.has(r))).toBe(true);
    }
    expect(Math.min(...shown())).toBeGreaterThan(1000);

    // aria-owns lists every row, in list order, with no gaps.
    const owned = (group.getAttribute('aria-owns') ?? '').split(' ').map((id) => document.getElementById(id));
    expect(owned.length).toBe(before.size);
    const positions = owned.map((r) => Number(r?.getAttribute('data-position')));
    expect(positions).toEqual(positions.map((_, i) => positions[0] + i));
  });

  it('repaints the canvases and tints in the frame of each scroll step; the row elements follow when it pauses', async () => {
    const row = 2_000;
    const path = `/trace/${handle.skeleton.traceId}?span=${spanIdOfRow(handle.skeleton, row)}`;
    const screen = await render(<TraceViewHarness handle={handle} path={path} />);
    const element = () => screen.container.querySelector(`[role="row"][data-row="${row}"]`);
    await expect.poll(() => element()?.getAttribute('aria-selected')).toBe('true');
    const scroller = screen.container.querySelector<HTMLElement>('.waterfall__scroll')!;
    const canvas = screen.container.querySelector<HTMLCanvasElement>('canvas.wf-name-canvas')!;
    const tint = () => screen.container.querySelector<HTMLElement>('.wf-tint.is-selected');
    const positions = () => [...rows(screen.container)].map((r) => Number(r.getAttribute('data-position')));
    const onScreen = (top: number, height: number) =>
      top <= scroller.scrollTop && top + height >= scroller.scrollTop + scroller.clientHeight;
    const rowsOnScreen = () => onScreen(Math.min(...positions()) * 24, (positions().length - 1) * 24);
    /** Scrolls by `by` px and resolves right after the waterfall handled the scroll event. */
    const step = (by: number) =>
      new Promise<void>((resolve) => {
        scroller.addEventListener('scroll', () => queueMicrotask(resolve), { once: true });
        scroller.scrollTop += by;
      });

    scroller.scrollTop = 0;
    await expect.poll(() => Math.min(...positions())).toBe(0);
    expect(tint()).toBeNull();
    // The selected span comes on screen: its tint and the canvases are there in that frame, its
    // row element not yet (the rows trail the scroll until it pauses).
    await step(row * 24 - 200);
    expect(onScreen(parseFloat(canvas.style.top), parseFloat(canvas.style.height))).toBe(true);
    expect(tint()?.style.top).toBe(`${row * 24}px`);
    expect(element()).toBeNull();
    expect(Math.min(...positions())).toBe(0);
    for (let i = 0; i < 3; i++) {
      await step(24 * 15);
      expect(onScreen(parseFloat(canvas.style.top), parseFloat(canvas.style.height))).toBe(true);
    }
    expect(rowsOnScreen()).toBe(false);
    await expect.poll(rowsOnScreen).toBe(true);
    expect(Math.min(...positions())).toBeGreaterThan(row - 20);

    // The pointer moving over the list brings the rows at once: it may be about to click one.
    await step(24 * 200);
    expect(rowsOnScreen()).toBe(false);
    scroller.dispatchEvent(new PointerEvent('pointermove', { bubbles: true }));
    expect(rowsOnScreen()).toBe(true);
  });

  it('drops focus from a row whose element scrolled away to show another span', async () => {
    const screen = await render(<TraceViewHarness handle={handle} />);
    await expect.poll(() => rows(screen.container).length).toBeGreaterThan(10);
    const first = screen.container.querySelector<HTMLElement>('[role="row"][data-position="0"]')!;
    first.focus();
    expect(document.activeElement).toBe(first);
    screen.container.querySelector<HTMLElement>('.waterfall__scroll')!.scrollTop = 24 * 5000;
    await expect.poll(() => first.getAttribute('data-position')).not.toBe('0');
    expect(document.activeElement).not.toBe(first);
  });

  it('opens at the span named in the URL, scrolled into view', async () => {
    const row = 99_990;
    const path = `/trace/${handle.skeleton.traceId}?span=${spanIdOfRow(handle.skeleton, row)}`;
    const screen = await render(<TraceViewHarness handle={handle} path={path} />);
    const selected = () => screen.container.querySelector(`[data-row="${row}"]`);
    await expect.poll(() => selected()?.getAttribute('aria-selected')).toBe('true');
    await expect.element(screen.getByRole('complementary', { name: 'Span details' })).toBeInTheDocument();
  });

  it('finds spans in the worker and steps through them', async () => {
    const screen = await render(<TraceViewHarness handle={handle} />);
    const input = screen.getByRole('searchbox', { name: 'Find in trace' });
    await input.fill('operation-99999');
    await expect.element(screen.getByText('1 match')).toBeInTheDocument();
    await input.fill('>49us service:service-3');
    await expect
      .poll(() => screen.container.querySelector('.find__count')?.textContent)
      .toMatch(/^[\d,]+ matches$/);
  });
});

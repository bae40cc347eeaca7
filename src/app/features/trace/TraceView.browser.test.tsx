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
    await expect
      .poll(() => Number([...rows(screen.container)].at(-1)?.getAttribute('aria-rowindex')))
      .toBe(SPANS + 1);
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

/**
 * Timing probes for the search page, run inside the browser. Figures are read from the page's own
 * clock (performance.now), from the search response's arrival to the next painted frame.
 */
import type { Page } from '@playwright/test';

// These callbacks run in the page; this project's TypeScript setup has Node's types only, so the
// page's globals are declared loosely here.
declare const window: any;
declare const document: any;
declare const requestAnimationFrame: (callback: () => void) => number;
declare const MutationObserver: any;
declare const KeyboardEvent: any;

/** Before navigation: records when the list and the plot of `count` results were first painted. */
export async function installPaintProbe(page: Page, count: number): Promise<void> {
  await page.addInitScript((n: number) => {
    const w = window as Record<string, number>;
    const paint = (key: string) =>
      requestAnimationFrame(() => setTimeout(() => (w[key] = performance.now()), 0));
    new MutationObserver(() => {
      if (
        !w.listShown &&
        document.querySelector('.results h2')?.textContent === `${n} traces` &&
        document.querySelector('.result')
      ) {
        w.listShown = performance.now();
        paint('listPainted');
      }
      if (!w.plotShown && document.querySelector('.scatter__canvas')?.dataset.dotCount === String(n)) {
        w.plotShown = performance.now();
        paint('plotPainted');
      }
    }).observe(document, { subtree: true, childList: true, attributes: true });
  }, count);
}

/** Milliseconds from the end of the trace-summaries response to the list, and to the plot, painted. */
export async function paintAfterResponse(page: Page): Promise<{ list: number; plot: number }> {
  await page.waitForFunction(() => 'plotPainted' in window && 'listPainted' in window);
  return page.evaluate(() => {
    const w = window as Record<string, number>;
    const response = performance
      .getEntriesByType('resource')
      .find((e) => e.name.includes('trace-summaries?')) as any;
    return { list: w.listPainted - response.responseEnd, plot: w.plotPainted - response.responseEnd };
  });
}

/** Re-sort, scroll a wheel notch per frame, and show a tooltip, each measured to the next frame. */
export async function measureInteractions(page: Page) {
  return page.evaluate(async () => {
    const response = performance
      .getEntriesByType('resource')
      .find((e) => e.name.includes('trace-summaries?')) as any;
    const frame = () => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const select = document.querySelector('.results__sort select');
    const s0 = performance.now();
    select.value = 'longest';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await frame();
    const sort = performance.now() - s0;
    const scroller = document.querySelector('.results__scroll');
    const frames: number[] = [];
    for (let i = 1; i <= 60; i++) {
      const f0 = performance.now();
      scroller.scrollTop = i * 120;
      await frame();
      frames.push(performance.now() - f0);
    }
    frames.sort((a, b) => a - b);
    // The plot's keyboard path puts the tooltip on the first dot: the same render as a pointer.
    const plot = document.querySelector('.scatter__plot');
    plot.focus();
    const h0 = performance.now();
    plot.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    await frame();
    return {
      bodyKiB: Math.round(response.encodedBodySize / 1024),
      sort,
      scrollMedian: frames[30],
      scrollWorst: frames[59],
      hover: performance.now() - h0,
      tooltip: document.querySelector('.scatter__tooltip') !== null,
    };
  });
}

/** One trace on the trace page: load, collapse/expand, find, critical path, scroll, heap, views. */
import type { Browser } from 'playwright';
import { stepWork } from './frameWork';
import { heapAfterGc, type HeapFigures } from './heap';
import { READ_LOAD, RECORD_FIRST_ROWS, SCROLL_FRAMES, SPANS_READ, timedClick, timedFind } from './pageProbes';
import { measureEarlyViews, measureSettledViews, viewIds } from './viewProbes';

export interface TraceFigures {
  spans: number;
  source: string;
  responseMB: number;
  /**
   * From navigation start to the end of the trace response, to the first rows painted (the
   * preview from the trace's head when the backend gives one), and to the waterfall's rows.
   */
  responseEndMs: number;
  firstRowsMs: number;
  fullRowsMs: number;
  /**
   * From the end of the response the rows are read from (the columns when the backend has them,
   * else the JSON) to the waterfall's rows: the reading left after the last byte.
   */
  fullRowsAfterResponseMs: number;
  /** The columns response (docs/trace-columns-api.md): size and end; NaN without one. */
  columnsMB: number;
  columnsEndMs: number;
  /** From navigation to the spans read behind rows that came from columns; NaN without columns. */
  spansReadMs: number;
  collapseAllMs: number;
  expandAllMs: number;
  /**
   * `error` (a typed column), `cust-42` (free text over every attribute) and `cust` (a word in
   * every span: an attribute key, and part of a value).
   */
  findMs: number;
  findStatus: string;
  findTextMs: number;
  findTextStatus: string;
  findWordMs: number;
  findWordStatus: string;
  criticalOnlyMs: number;
  scrollP50Ms: number;
  scrollP95Ms: number;
  scrollMaxMs: number;
  /** The display's frame interval during the scroll (16.7 ms at 60 Hz). */
  scrollFrameMs: number;
  /** Steps painted a frame or more late: their work did not fit in the frame they started in. */
  scrollLatePercent: number;
  /**
   * Main-thread work per scroll step (from a Chromium trace): what must fit in a 16 ms frame, as
   * wall time of its tasks and as their CPU time (steadier when other processes load the machine).
   */
  scrollWorkP50Ms: number;
  scrollWorkP95Ms: number;
  scrollCpuP50Ms: number;
  scrollCpuP95Ms: number;
  /** Right after the first rows, and once find is prepared (all spans decoded up to 300k). */
  heapAtFirstRows: HeapFigures;
  heap: HeapFigures;
  /** Milliseconds from a view's tab to the view drawn, by view id. */
  viewsMs: Record<string, number>;
  /** The same, each on a fresh page clicked as soon as the first rows are painted (viewProbes.ts). */
  viewsClickedEarlyMs: Record<string, number>;
}

const round = (ms: number) => Math.round(ms * 10) / 10;
const best = (values: number[]) => Math.min(...values);
/** Of sorted values; NaN when there are none. */
const percentile = (sorted: number[], q: number) => round(sorted[Math.floor(sorted.length * q)] ?? NaN);

export async function measureTrace(
  browser: Browser,
  options: { baseUrl: string; traceId: string; spans: number; source: string; views: boolean },
): Promise<TraceFigures> {
  // The page's Content Security Policy forbids eval, which string probes need; it costs nothing measured.
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, bypassCSP: true });
  const page = await context.newPage();
  try {
    await page.addInitScript({ content: RECORD_FIRST_ROWS });
    await page.goto(`${options.baseUrl}/trace/${options.traceId}`);
    await page.waitForFunction('window.__fullRowsPainted !== undefined', undefined, { timeout: 300_000 });
    const heapAtFirstRows = await heapAfterGc(browser, page);
    // Text find and the views need the spans: when the rows came first, wait for them.
    await page.waitForFunction(SPANS_READ, undefined, { timeout: 300_000 });
    const load = (await page.evaluate(READ_LOAD)) as {
      responseEnd: number;
      transferBytes: number;
      columnsEnd: number;
      columnsBytes: number;
      spansRead: number;
      firstRowsPainted: number;
      fullRowsPainted: number;
    };
    // Let the worker prepare find in the background (up to 300k spans) before timing interactions.
    await page.waitForTimeout(options.spans > 300_000 ? 2_000 : 4_000);
    const heap = await heapAfterGc(browser, page);

    const collapses: number[] = [];
    const expands: number[] = [];
    for (let run = 0; run < 3; run++) {
      collapses.push((await page.evaluate(timedClick('Collapse all'))) as number);
      expands.push((await page.evaluate(timedClick('Expand all'))) as number);
    }
    const find = (await page.evaluate(timedFind('error'))) as { ms: number; status: string };
    await page.evaluate(timedFind(''));
    const findText = (await page.evaluate(timedFind('cust-42'))) as { ms: number; status: string };
    await page.evaluate(timedFind(''));
    const findWord = (await page.evaluate(timedFind('cust'))) as { ms: number; status: string };
    await page.evaluate(timedFind(''));
    const criticalOnly = page.getByRole('checkbox', { name: 'Critical path only' });
    const criticalStarted = Date.now();
    await criticalOnly.check();
    await page.locator('.wf-row--hidden').first().waitFor();
    const criticalOnlyMs = Date.now() - criticalStarted;
    await criticalOnly.uncheck();
    let scroll = { times: [0], frameMs: 0 };
    const scrollWork = await stepWork(
      browser,
      page,
      async () => (scroll = (await page.evaluate(SCROLL_FRAMES)) as typeof scroll),
      'scroll-step',
      'scroll-end',
    );

    let viewsMs: Record<string, number> = {};
    let viewsClickedEarlyMs: Record<string, number> = {};
    if (options.views) {
      const ids = await viewIds(page);
      viewsMs = await measureSettledViews(page, ids);
      viewsClickedEarlyMs = await measureEarlyViews(
        browser,
        `${options.baseUrl}/trace/${options.traceId}`,
        ids,
      );
    }
    const frames = scroll.times;
    return {
      spans: options.spans,
      source: options.source,
      responseMB: round(load.transferBytes / 1e6),
      responseEndMs: round(load.responseEnd),
      firstRowsMs: round(load.firstRowsPainted),
      fullRowsMs: round(load.fullRowsPainted),
      fullRowsAfterResponseMs: round(
        load.fullRowsPainted - (Number.isFinite(load.columnsEnd) ? load.columnsEnd : load.responseEnd),
      ),
      columnsMB: round(load.columnsBytes / 1e6),
      columnsEndMs: round(load.columnsEnd),
      spansReadMs: round(load.spansRead),
      collapseAllMs: round(best(collapses)),
      expandAllMs: round(best(expands)),
      findMs: round(find.ms),
      findStatus: find.status,
      findTextMs: round(findText.ms),
      findTextStatus: findText.status,
      findWordMs: round(findWord.ms),
      findWordStatus: findWord.status,
      criticalOnlyMs,
      scrollP50Ms: round(frames[Math.floor(frames.length * 0.5)]),
      scrollP95Ms: round(frames[Math.floor(frames.length * 0.95)]),
      scrollMaxMs: round(frames[frames.length - 1]),
      scrollFrameMs: round(scroll.frameMs),
      scrollLatePercent: round((100 * frames.filter((t) => t > 1.5 * scroll.frameMs).length) / frames.length),
      scrollWorkP50Ms: percentile(scrollWork.wallMs, 0.5),
      scrollWorkP95Ms: percentile(scrollWork.wallMs, 0.95),
      scrollCpuP50Ms: percentile(scrollWork.cpuMs, 0.5),
      scrollCpuP95Ms: percentile(scrollWork.cpuMs, 0.95),
      heapAtFirstRows,
      heap,
      viewsMs,
      viewsClickedEarlyMs,
    };
  } finally {
    await context.close();
  }
}

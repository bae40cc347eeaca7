/**
 * The trace page's views, opened from their tabs, at two moments:
 * - clicked early: on a fresh page, the moment the first waterfall rows are painted, when the
 *   trace worker is still busy with its background work (insights, find preparation) and the
 *   views' modules may not be fetched yet. A click must not wait behind either.
 * - settled: after the page has been used for a while (modules fetched, background work done),
 *   each view opened in turn and closed back to the timeline.
 * Both are tab click → view drawn (the view's `data-view-ready`, then the next paint), on the
 * page's own clock.
 */
import type { Browser, Page } from 'playwright';
import { RECORD_FIRST_ROWS, timedView, VIEW_IDS } from './pageProbes';

const round = (ms: number) => Math.round(ms * 10) / 10;

export interface ViewFigures {
  /** By view id: each on a fresh page, clicked as soon as the first rows are painted. */
  clickedEarlyMs: Record<string, number>;
  /** By view id: one after another on a page that has been open a while. */
  settledMs: Record<string, number>;
}

/** The views other than the timeline, from the rendered switcher. */
export async function viewIds(page: Page): Promise<string[]> {
  return ((await page.evaluate(VIEW_IDS)) as string[]).filter((id) => id !== 'timeline');
}

async function openView(page: Page, id: string): Promise<number> {
  const opened = (await page.evaluate(timedView(id))) as { ms: number; url: string };
  if (!opened.url.includes(`view=${id}`)) throw new Error(`the ${id} tab did not set ?view=${id}`);
  return round(opened.ms);
}

/** Opens every view in turn on an open trace page, going back to the timeline after each. */
export async function measureSettledViews(
  page: Page,
  ids: readonly string[],
): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const id of ids) {
    out[id] = await openView(page, id);
    await page.locator('#trace-view-tab-timeline').click();
    await page.locator('[data-row]').first().waitFor();
  }
  return out;
}

/** Each view on a fresh page, clicked the moment the trace's waterfall rows are painted. */
export async function measureEarlyViews(
  browser: Browser,
  traceUrl: string,
  ids: readonly string[],
): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const id of ids) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, bypassCSP: true });
    try {
      const page = await context.newPage();
      await page.addInitScript({ content: RECORD_FIRST_ROWS });
      await page.goto(traceUrl);
      await page.waitForFunction('window.__fullRowsPainted !== undefined', undefined, {
        timeout: 300_000,
        polling: 10,
      });
      out[id] = await openView(page, id);
    } finally {
      await context.close();
    }
  }
  return out;
}

export function printViewFigures(spans: number, figures: ViewFigures): void {
  console.log(`Views at ${spans.toLocaleString('en-US')} spans, tab click to drawn (target ≤ 1000 ms):`);
  console.table(
    Object.keys(figures.settledMs).map((view) => ({
      view,
      'clicked early': `${figures.clickedEarlyMs[view] ?? NaN} ms`,
      settled: `${figures.settledMs[view]} ms`,
    })),
  );
}

import { expect, type Locator, type Page } from '@playwright/test';

export interface LoadTimings {
  /**
   * When the response the rows are read from had fully arrived, ms since navigation: the trace's
   * columns where the backend has them, else its JSON. The worker downloads both, so the page
   * knows their ends from its User Timing marks (workers/traceClient.ts).
   */
  responseEndMs: number;
  /** When the trace's JSON had fully arrived (NaN before it has). */
  jsonEndMs: number;
  /** When the first waterfall row was in the DOM, ms since navigation. */
  firstRowsMs: number;
  /** The longest main-thread task from the trace's arrival to the first rows, ms. */
  longestTaskMs: number;
}

// Browser-side code is written as text: the e2e project is type-checked without the DOM library.
const RECORD_LOAD_TIMINGS = `
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  new MutationObserver(() => {
    if (window.__firstRowsAt === undefined && document.querySelector('[data-row]')) window.__firstRowsAt = performance.now();
  }).observe(document, { childList: true, subtree: true });`;

const READ_LOAD_TIMINGS = `(() => {
  const mark = (name) => performance.getEntriesByName('tracelens:' + name)[0];
  const response = performance.getEntriesByType('resource').find((e) => /\\/api\\/traces\\/[0-9a-f]+$/.test(e.name));
  const json = mark('json-downloaded');
  const jsonEndMs = json ? json.startTime : response ? response.responseEnd : NaN;
  const columns = mark('columns-downloaded');
  const responseEndMs = columns ? columns.startTime : jsonEndMs;
  const firstRowsMs = window.__firstRowsAt ?? NaN;
  const during = (window.__longTasks ?? []).filter((t) => t.start + t.duration >= responseEndMs && t.start <= firstRowsMs);
  return { responseEndMs, jsonEndMs, firstRowsMs, longestTaskMs: Math.max(0, ...during.map((t) => t.duration)) };
})()`;

const timedClickScript = (label: string) => `(() => {
  const target = [...document.querySelectorAll('button')].find((b) => b.textContent === ${JSON.stringify(label)});
  if (!target) throw new Error('no button ' + ${JSON.stringify(label)});
  const t0 = performance.now();
  target.click();
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0))));
})()`;

/** The trace page as a person uses it; selectors live here only. */
export class TracePage {
  readonly waterfall: Locator;
  readonly findBox: Locator;
  readonly findStatus: Locator;
  readonly minimap: Locator;
  readonly detailsPanel: Locator;
  readonly ruler: Locator;

  constructor(readonly page: Page) {
    this.waterfall = page.getByRole('treegrid', { name: 'Spans' });
    this.findBox = page.getByRole('searchbox', { name: 'Find in trace' });
    this.findStatus = page.getByRole('search', { name: 'Find in trace' }).getByRole('status');
    this.minimap = page.getByRole('region', { name: 'Trace overview' });
    this.detailsPanel = page.getByRole('complementary', { name: 'Span details' });
    this.ruler = page.getByRole('columnheader', { name: /^Timeline/ });
  }

  async goto(baseUrl: string, traceId: string, query = ''): Promise<void> {
    await this.page.goto(`${baseUrl}/trace/${traceId}${query}`);
  }

  /** Records when rows first appear and how long the main thread blocks; call before goto. */
  async recordLoadTimings(): Promise<void> {
    await this.page.addInitScript({ content: RECORD_LOAD_TIMINGS });
  }

  async loadTimings(): Promise<LoadTimings> {
    return (await this.page.evaluate(READ_LOAD_TIMINGS)) as LoadTimings;
  }

  /** Span rows (the header row excluded). */
  spanRows(): Locator {
    return this.waterfall.locator('[role="row"][aria-level][data-row]');
  }

  /** The span row showing exactly this operation name. */
  row(operation: string): Locator {
    const exact = new RegExp(`^${operation.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    return this.spanRows().filter({ has: this.page.locator('.wf-row__operation', { hasText: exact }) });
  }

  hiddenSpansRows(): Locator {
    return this.waterfall.locator('.wf-row--hidden');
  }

  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  async expectLoaded(timeout = 60_000): Promise<void> {
    await expect(this.waterfall).toBeVisible({ timeout });
  }

  async find(query: string): Promise<void> {
    await this.findBox.fill(query);
    await this.findBox.press('Enter');
  }

  /** Clicks a toolbar button and returns the milliseconds until the page has painted again. */
  async timedClick(name: string): Promise<number> {
    return (await this.page.evaluate(timedClickScript(name))) as number;
  }

  /** What the page last put on the clipboard. */
  async clipboard(): Promise<string> {
    return (await this.page.evaluate('navigator.clipboard.readText()')) as string;
  }

  async setDetailsMode(mode: 'Side panel' | 'Inline'): Promise<void> {
    await this.page.getByRole('radio', { name: mode }).check();
  }
}

/**
 * The trace page's analysis views (Statistics, Spans, Events, JSON) on a trace sent through the
 * real OpenTelemetry SDK to the real all-in-one, driven by mouse and keyboard; and how long each
 * takes to open on a 100k-span trace.
 */
import { readFile } from 'node:fs/promises';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { TracePage } from './models/tracePage';
import { startAllInOne, type AllInOneProcess } from './support/allInOne';
import { largeTrace, postLargeTrace } from './support/largeTrace';
import { sendDispatchTrace, type SentTrace } from './support/otelTraffic';
import { freezeBound } from '../src/app/testing/freezeBound';

let tracelens: AllInOneProcess;
let dispatch: SentTrace;

test.beforeAll(async () => {
  tracelens = await startAllInOne();
  dispatch = await sendDispatchTrace(tracelens.otlpHttpUrl, 'json', 'views-');
});
test.afterAll(async () => {
  await tracelens?.stop();
});
test.beforeEach(async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.setViewportSize({ width: 1400, height: 900 });
});

const shotDir = process.env.SCREENSHOT_DIR ?? 'test-results';
const shot = (page: Page, name: string) => page.screenshot({ path: `${shotDir}/trace-views-${name}.png` });

/** The analysis views as a person uses them; selectors live here only. */
class ViewsPage {
  constructor(readonly page: Page) {}

  async open(traceId: string, view: string, query = ''): Promise<void> {
    await this.page.goto(`${tracelens.queryUrl}/trace/${traceId}?view=${view}${query}`);
    await this.ready();
  }

  tab(name: string): Locator {
    return this.page.getByRole('tablist', { name: 'Trace views' }).getByRole('tab', { name, exact: true });
  }

  /** Waits for the view to say it has rendered its content (what the browser benchmark waits on). */
  async ready(timeout = 30_000): Promise<void> {
    await expect(this.page.locator('#trace-view-panel [data-view-ready="true"]')).toBeVisible({ timeout });
  }

  grid(name: string): Locator {
    return this.page
      .getByRole('grid', { name, exact: true })
      .or(this.page.getByRole('treegrid', { name, exact: true }));
  }

  rows(name: string): Locator {
    return this.grid(name).locator('[role="row"][data-position]');
  }

  header(name: string, label: RegExp): Locator {
    return this.grid(name).getByRole('columnheader', { name: label });
  }

  async sortBy(name: string, label: RegExp): Promise<void> {
    await this.header(name, label).getByRole('button').click();
  }

  /** Opens a view from the tab list and returns the milliseconds until its content is painted. */
  async timedOpen(tab: string, id: string): Promise<number> {
    return (await this.page.evaluate(timedOpenScript(tab, id))) as number;
  }
}

// Browser-side code is written as text: the e2e project is type-checked without the DOM library.
const timedOpenScript = (tab: string, id: string) => `(() => new Promise((resolve, reject) => {
  const button = [...document.querySelectorAll('[role="tab"]')].find((b) => b.textContent === ${JSON.stringify(tab)});
  if (!button) return reject(new Error('no tab ' + ${JSON.stringify(tab)}));
  const ready = '#trace-view-panel[aria-labelledby="trace-view-tab-${id}"] [data-view-ready="true"]';
  const started = performance.now();
  const done = () => requestAnimationFrame(() => resolve(performance.now() - started));
  const observer = new MutationObserver(() => {
    if (!document.querySelector(ready)) return;
    observer.disconnect();
    done();
  });
  observer.observe(document.body, { subtree: true, childList: true, attributes: true });
  button.click();
  setTimeout(() => { observer.disconnect(); reject(new Error('the view did not get ready in 60 s')); }, 60000);
}))()`;

test('statistics: groups, sorting, sub-groups by keyboard and a CSV export, in light and dark', async ({
  page,
}) => {
  const views = new ViewsPage(page);
  await views.open(dispatch.traceId, 'statistics');
  const table = 'Trace statistics';
  await expect(views.rows(table)).toHaveCount(3);
  await expect(views.rows(table).first()).toContainText('views-frontend');
  await expect(views.header(table, /^Total/)).toHaveAttribute('aria-sort', 'descending');
  const driver = views.rows(table).filter({ hasText: 'views-driver' });
  await expect(driver.locator('[role="gridcell"]').last()).toHaveText('1');
  await expect(page.getByRole('rowheader', { name: 'All spans' })).toBeVisible();

  await views.sortBy(table, /^Count/);
  await expect(views.header(table, /^Count/)).toHaveAttribute('aria-sort', 'descending');

  await page.getByRole('combobox', { name: 'then by' }).selectOption('operation');
  await expect(page).toHaveURL(/[?&]sub=operation/);
  await expect(views.grid(table)).toHaveAttribute('role', 'treegrid');
  await views.rows(table).first().focus();
  await page.keyboard.press('ArrowRight');
  await expect(views.rows(table)).toHaveCount(3 + 3);
  await expect(views.rows(table).nth(1)).toHaveAttribute('aria-level', '2');
  await page.keyboard.press('ArrowLeft');
  await expect(views.rows(table)).toHaveCount(3);
  await page.getByRole('button', { name: 'Expand all' }).click();
  await expect(views.rows(table)).toHaveCount(3 + 7);

  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await shot(page, `statistics-${colorScheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^trace-[0-9a-f]{8}-statistics-by-Service-Operation\.csv$/);
  const csv = (await readFile(await file.path(), 'utf8'))
    .replace(/^\ufeff/, '')
    .trim()
    .split('\r\n');
  expect(csv[0]).toMatch(/^Service,Operation,Count,Total \(µs\)/);
  expect(csv.slice(1).map((line) => line.split(',').slice(0, 3).join(','))).toContain(
    'views-driver,GetDriver,1',
  );
  expect(csv).toHaveLength(1 + 7);
});

test('spans table: sorting and filtering in the worker, keyboard, and a row that opens the timeline', async ({
  page,
}) => {
  const views = new ViewsPage(page);
  await views.open(dispatch.traceId, 'spans');
  const table = 'Spans';
  await expect(views.rows(table)).toHaveCount(7);
  await expect(views.rows(table).first()).toContainText('HTTP GET /dispatch');
  await views.sortBy(table, /^Duration/);
  await expect(views.header(table, /^Duration/)).toHaveAttribute('aria-sort', 'descending');
  await expect(views.rows(table).first()).toContainText('HTTP GET /dispatch');

  const filter = page.getByRole('searchbox', { name: 'Filter spans' });
  await filter.fill('kind:server');
  await expect(views.rows(table)).toHaveCount(3);
  await filter.fill('kind:bogus');
  await expect(filter).toHaveAttribute('aria-invalid', 'true');
  await filter.fill('');
  await page.getByRole('checkbox', { name: 'Errors only' }).check();
  await expect(views.rows(table)).toHaveCount(1);
  await expect(views.rows(table).first()).toContainText('error');
  await page.getByRole('checkbox', { name: 'Errors only' }).uncheck();
  await expect(views.rows(table)).toHaveCount(7);

  const addColumn = page.getByRole('combobox', { name: 'Add an attribute column' });
  await addColumn.focus();
  await expect(addColumn.locator('option[value="db.system"]')).toHaveCount(1);
  await addColumn.selectOption('db.system');
  await expect(views.header(table, /^db\.system/)).toBeVisible();
  await expect(views.rows(table).filter({ hasText: 'SQL SELECT' })).toContainText('mysql');

  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await shot(page, `spans-${colorScheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });

  // Keyboard only: Tab into the grid, move to the last row, open it.
  await views.rows(table).first().focus();
  await page.keyboard.press('End');
  const last = views.rows(table).last();
  await expect(last).toBeFocused();
  const operation = (await last.locator('[role="gridcell"]').nth(1).textContent()) ?? '';
  await page.keyboard.press('Enter');
  const trace = new TracePage(page);
  await trace.expectLoaded();
  await expect(page).toHaveURL(/[?&]span=[0-9a-f]{16}/);
  await expect(page).not.toHaveURL(/view=/);
  await expect(trace.row(operation)).toHaveClass(/is-selected/);
  await page.goBack();
  await views.ready();
  await expect(views.tab('Spans')).toHaveAttribute('aria-selected', 'true');
});

test('events: the retry event with its span, filtered, opening its span', async ({ page }) => {
  const views = new ViewsPage(page);
  await views.open(dispatch.traceId, 'events');
  const table = 'Span events';
  await expect(views.rows(table)).toHaveCount(1);
  await expect(views.rows(table).first()).toContainText('retrying');
  await expect(views.rows(table).first()).toContainText('attempt=2');
  await expect(views.rows(table).first()).toContainText('GetDriver');
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await shot(page, `events-${colorScheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.getByRole('searchbox', { name: 'Filter events' }).fill('nothing like this');
  await expect(page.getByText('No event matches this filter.')).toBeVisible();
  await page.getByRole('searchbox', { name: 'Filter events' }).fill('views-driver');
  await expect(views.rows(table)).toHaveCount(1);
  await views.rows(table).first().click();
  const trace = new TracePage(page);
  await trace.expectLoaded();
  await expect(trace.row('GetDriver')).toHaveClass(/is-selected/);
});

test('JSON: the body as received and as adjusted, downloaded and copied', async ({ page }) => {
  const views = new ViewsPage(page);
  await views.open(dispatch.traceId, 'json');
  const region = page.getByRole('region', { name: /^As received JSON, [\d,]+ lines$/ });
  await expect(region).toBeVisible();
  await expect(region.locator('.json-line').nth(1)).toHaveText(/^2\s*"data": \[$/);
  await region.focus();
  await page.keyboard.press('PageDown');
  await expect.poll(() => region.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);

  await page.getByRole('radio', { name: 'Adjusted · OTLP' }).check();
  await expect(page.getByRole('region', { name: /^Adjusted · OTLP JSON/ })).toContainText(
    '"resourceSpans": [',
  );
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await shot(page, `json-${colorScheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download JSON' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`trace-${dispatch.traceId}-otlp.json`);
  const otlp = JSON.parse(await readFile(await file.path(), 'utf8')) as {
    resourceSpans: {
      resource: { attributes: { key: string; value: { stringValue?: string } }[] };
      scopeSpans: { spans: unknown[] }[];
    }[];
  };
  // One group per run of spans from one resource, in the order the exporters' batches arrived.
  const services = otlp.resourceSpans.map(
    (r) => r.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue,
  );
  expect([...new Set(services)].sort()).toEqual(['views-customer', 'views-driver', 'views-frontend']);
  const spanCount = otlp.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)).length;
  expect(spanCount).toBe(7);

  await page.getByRole('radio', { name: 'As received' }).check();
  await page.getByRole('button', { name: 'Copy JSON' }).click();
  await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible();
  const copied = JSON.parse(await new TracePage(page).clipboard()) as { data: { traceID: string }[] };
  expect(copied.data[0].traceID).toBe(dispatch.traceId);
});

test('the view switcher by keyboard, and a shared link that opens a view', async ({ page }) => {
  const views = new ViewsPage(page);
  await views.open(dispatch.traceId, 'statistics', '&group=operation');
  await expect(page.getByRole('combobox', { name: 'Group by' })).toHaveValue('operation');
  await views.tab('Statistics').focus();
  await page.keyboard.press('ArrowRight');
  await expect(views.tab('Spans')).toBeFocused();
  await views.ready();
  await expect(page).toHaveURL(/view=spans/);
  await page.keyboard.press('End');
  await expect(page).toHaveURL(/view=json/);
  await page.keyboard.press('Home');
  await expect(new TracePage(page).waterfall).toBeVisible();
});

const VIEWS = [
  ['Statistics', 'statistics'],
  ['Spans', 'spans'],
  ['Events', 'events'],
  ['JSON', 'json'],
] as const;

/** The 100k-span batch trace with an event on every database query (97k events). */
function largeTraceWithEvents() {
  const big = largeTrace();
  interface Span {
    startTimeUnixNano: string;
    attributes: { key: string }[];
    events?: object[];
  }
  interface Batch {
    resourceSpans: { scopeSpans: { spans: Span[] }[] }[];
  }
  const batches = big.batches.map((text) => {
    const batch = JSON.parse(text) as Batch;
    for (const resource of batch.resourceSpans)
      for (const scope of resource.scopeSpans)
        for (const span of scope.spans) {
          if (!span.attributes.some((a) => a.key === 'db.system')) continue;
          span.events = [
            {
              timeUnixNano: String(BigInt(span.startTimeUnixNano) + 100_000n),
              name: 'rows fetched',
              attributes: [{ key: 'db.rows', value: { intValue: '12' } }],
            },
          ];
        }
    return JSON.stringify(batch);
  });
  return { ...big, batches };
}

test('each view opens within a second on a 100k-span trace', async ({ page }) => {
  test.setTimeout(400_000);
  const big = largeTraceWithEvents();
  await postLargeTrace(tracelens.otlpHttpUrl, big);
  const trace = new TracePage(page);
  await trace.goto(tracelens.queryUrl, big.traceId);
  await trace.expectLoaded(180_000);
  const views = new ViewsPage(page);
  const figures: Record<string, number> = {};
  // Right after loading, the worker is still preparing find-in-trace and the insights, and a
  // view's request waits behind that work; measure the views themselves once it is done.
  await page.waitForTimeout(10_000);
  // The first open of each view is cold (nothing computed yet); the second reuses what the worker kept.
  for (const [tab, id] of VIEWS) {
    const runs: number[] = [];
    for (let run = 0; run < 2; run++) {
      await views.tab('Timeline').click();
      await trace.expectLoaded();
      runs.push(await views.timedOpen(tab, id));
    }
    figures[`${tab.toLowerCase()}FirstMs`] = Math.round(runs[0]);
    figures[`${tab.toLowerCase()}Ms`] = Math.round(Math.min(...runs));
  }
  // Work on the open view: re-sort the spans table, filter it, re-group the statistics.
  await views.tab('Spans').click();
  await views.ready();
  let started = Date.now();
  await views.sortBy('Spans', /^Self time/);
  await expect(views.header('Spans', /^Self time/)).toHaveAttribute('aria-sort', 'descending');
  await expect(views.rows('Spans').first()).toContainText('nightly-reindex');
  figures.spansSortMs = Date.now() - started;
  started = Date.now();
  await page.getByRole('searchbox', { name: 'Filter spans' }).fill('error');
  await expect(
    page.getByText(
      `${big.errorCount.toLocaleString('en-US')} of ${big.spanCount.toLocaleString('en-US')} spans`,
    ),
  ).toBeVisible();
  figures.spansFilterMs = Date.now() - started;
  await views.rows('Spans').first().focus();
  await page.keyboard.press('End');
  await expect(views.rows('Spans').last()).toBeFocused();

  await views.tab('Statistics').click();
  await views.ready();
  started = Date.now();
  const groupBy = page.getByRole('combobox', { name: 'Group by' });
  await groupBy.focus();
  await expect(groupBy.locator('option[value="attr:db.statement"]')).toHaveCount(1, { timeout: 30_000 });
  await groupBy.selectOption('attr:db.statement');
  await expect(page.getByText(/^97,001 groups/)).toBeVisible({ timeout: 30_000 });
  figures.statisticsByStatementMs = Date.now() - started;

  console.info('100k-span trace views:', JSON.stringify(figures));
  test.info().annotations.push({ type: 'figures', description: JSON.stringify(figures) });
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await shot(page, `large-statistics-${colorScheme}`);
  }
  for (const [tab] of VIEWS) {
    expect(figures[`${tab.toLowerCase()}FirstMs`], `${tab} view`).toBeLessThan(freezeBound(1000));
  }
});

/**
 * The Monitor tab against the real all-in-one with its embedded span metrics: OpenTelemetry SDK
 * traffic shows up as charts and operations, and "View traces" lands on the matching traces.
 * A second all-in-one without a metrics backend shows how to turn metrics on.
 */
import { expect, test } from '@playwright/test';
import { SearchPage } from './models/searchPage';
import { TracePage } from './models/tracePage';
import { startAllInOne, type AllInOneProcess } from './support/allInOne';
import { sendDispatchTrace, type SentTrace } from './support/otelTraffic';

const TRACES = 4;
/**
 * A line, or the dot of a lone value (right after the first traffic a series may have one point).
 * Checked as attached, not visible: a flat line's path has no height, which Playwright calls hidden.
 */
const DRAWN = '.recharts-line-curve, .monitor-chart__dot';
/** Eight metrics queries over a fresh store: on a busy machine they take longer than 5 s. */
const LOADED_MS = 30_000;

test.describe('with embedded span metrics', () => {
  let tracelens: AllInOneProcess;
  let sent: SentTrace[];

  test.beforeAll(async () => {
    tracelens = await startAllInOne(['--metrics-backend', 'embedded']);
    sent = [];
    for (let i = 0; i < TRACES; i++)
      sent.push(await sendDispatchTrace(tracelens.otlpHttpUrl, 'protobuf', 'spm-'));
  });
  test.afterAll(async () => {
    await tracelens?.stop();
  });

  test('shows the demo services, their charts and operations', async ({ page }) => {
    await page.goto(`${tracelens.queryUrl}/monitor?service=spm-frontend&lookback=15m`);
    await expect(page.getByLabel('Service', { exact: true })).toHaveValue('spm-frontend');
    for (const service of ['spm-customer', 'spm-driver', 'spm-frontend']) {
      await expect(
        page.getByLabel('Service', { exact: true }).locator(`option[value="${service}"]`),
      ).toHaveCount(1);
    }
    await expect(
      page.getByText(/^Latest: p95 latency [\d.]+ (ms|s), [\d.]+ req\/s, [\d.]+ % errors/),
    ).toBeVisible();
    for (const chart of ['Latency (ms)', 'Error rate (%)', 'Request rate (req/s)']) {
      await expect(page.getByRole('figure', { name: chart }).locator(DRAWN).first()).toBeAttached();
    }
    const table = page.getByRole('table');
    await expect(table.getByRole('rowheader', { name: 'HTTP GET /dispatch' })).toBeVisible();

    // Client spans: the frontend's two outgoing calls.
    await page.getByLabel('Span kind').selectOption('client');
    await expect(page).toHaveURL(/spanKind=client/);
    for (const operation of ['HTTP GET /customer', 'FindNearest']) {
      await expect(table.getByRole('rowheader', { name: operation, exact: true })).toBeVisible();
    }
    await expect(table.getByRole('rowheader')).toHaveCount(2);
  });

  test('"View traces" lands on the search page with the matching traces', async ({ page }) => {
    await page.goto(`${tracelens.queryUrl}/monitor?service=spm-frontend&spanKind=server&lookback=15m`);
    await page.getByRole('link', { name: 'View traces of HTTP GET /dispatch' }).click();
    await expect(page).toHaveURL(
      /\/search\?service=spm-frontend&operation=HTTP\+GET\+%2Fdispatch&lookback=15m/,
    );
    await new SearchPage(page).expectTraces(sent.map((s) => s.traceId));
  });

  test('a click on the latency chart searches around that point for traces as slow', async ({ page }) => {
    await page.goto(`${tracelens.queryUrl}/monitor?service=spm-frontend&lookback=15m`);
    const plot = page.getByTestId('monitor-chart-latency');
    await expect(plot.locator(DRAWN).first()).toBeAttached({ timeout: LOADED_MS });
    const box = (await plot.boundingBox())!;
    // The right edge is "now", where the traffic is.
    await plot.click({ position: { x: box.width - 20, y: box.height / 2 } });
    await expect(page).toHaveURL(/\/search\?/);
    const url = new URL(page.url());
    expect(url.searchParams.get('service')).toBe('spm-frontend');
    expect(url.searchParams.get('lookback')).toBe('custom');
    expect(Number(url.searchParams.get('end'))).toBeGreaterThan(Date.now() * 1000 - 120e6);
    expect(url.searchParams.get('minDuration')).toMatch(/^\d+(ms|us)$/);
  });

  test('a drag across a chart lands on the traces of that time range', async ({ page }, testInfo) => {
    await page.goto(`${tracelens.queryUrl}/monitor?service=spm-frontend&lookback=15m`);
    const plot = page.getByTestId('monitor-chart-latency');
    await expect(plot.locator(DRAWN).first()).toBeAttached({ timeout: LOADED_MS });
    const box = (await plot.boundingBox())!;
    const y = box.y + box.height / 2;
    // From the middle of the chart to near its right edge ("now", where the traffic is).
    await page.mouse.move(box.x + box.width * 0.5, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width - 10, y, { steps: 8 });
    const band = plot.locator('.recharts-reference-area-rect');
    await expect(band).toBeVisible();
    await expect(page.getByText(/ · Esc cancels$/)).toBeVisible();
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await page.screenshot({ path: testInfo.outputPath(`monitor-brush-${colorScheme}.png`) });
    }
    await page.mouse.up();
    await expect(page).toHaveURL(/\/search\?service=spm-frontend&lookback=custom&start=\d+&end=\d+$/);
    const url = new URL(page.url());
    const [start, end] = [Number(url.searchParams.get('start')), Number(url.searchParams.get('end'))];
    // About half of the 15 minutes charted, and ending after the traffic was sent.
    expect(end - start).toBeGreaterThan(4 * 60e6);
    expect(end - start).toBeLessThan(12 * 60e6);
    expect(end).toBeGreaterThan(Date.now() * 1000 - 60e6);
    await new SearchPage(page).expectTraces(sent.map((s) => s.traceId));
  });

  test('the chart data table drills down from the keyboard to the matching traces', async ({
    page,
  }, testInfo) => {
    await page.goto(`${tracelens.queryUrl}/monitor?service=spm-frontend&lookback=15m`);
    const disclosure = page.getByText(/^Chart data as a table/);
    await disclosure.focus();
    await page.keyboard.press('Enter');
    const points = page.getByRole('table', { name: /per point, newest first/ });
    await expect(points).toBeVisible();
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await points.scrollIntoViewIfNeeded();
      await page.screenshot({ path: testInfo.outputPath(`monitor-table-${colorScheme}.png`) });
    }
    const link = points.getByRole('link', { name: /^Traces at / }).first();
    await link.focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/search\?service=spm-frontend&lookback=custom&start=\d+&end=\d+/);
    await new SearchPage(page).expectTraces(sent.map((s) => s.traceId));
  });

  test("a span's details chart its operation's metrics and link to the Monitor tab", async ({
    page,
  }, testInfo) => {
    const trace = new TracePage(page);
    await trace.goto(tracelens.queryUrl, sent[0].traceId);
    await trace.expectLoaded();
    await trace.setDetailsMode('Side panel');
    await trace.row('HTTP GET /dispatch').click();
    const section = trace.detailsPanel.locator('details', { hasText: 'Operation metrics' });
    await expect(section.locator('dt', { hasText: 'p95 latency' }).locator('+ dd')).toHaveText(
      /^[\d.]+ m?s$/,
    );
    await expect(section.locator('.recharts-line-curve, .recharts-line').first()).toBeAttached();
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await section.scrollIntoViewIfNeeded();
      await page.screenshot({ path: testInfo.outputPath(`span-metrics-${colorScheme}.png`) });
    }
    await section.getByRole('link', { name: 'Monitor spm-frontend' }).click();
    await expect(page).toHaveURL(/\/monitor\?service=spm-frontend&spanKind=server&lookback=1h/);
    await expect(page.getByText(/^Latest: p95 latency/)).toBeVisible();
  });
});

test.describe('without a metrics backend', () => {
  let tracelens: AllInOneProcess;

  test.beforeAll(async () => {
    tracelens = await startAllInOne(['--metrics-backend', 'none']);
    await sendDispatchTrace(tracelens.otlpHttpUrl, 'protobuf', 'off-');
  });
  test.afterAll(async () => {
    await tracelens?.stop();
  });

  test('explains how to enable span metrics', async ({ page }) => {
    await page.goto(`${tracelens.queryUrl}/monitor?service=off-frontend`);
    const view = page.getByRole('region', { name: 'Span metrics are turned off' });
    await expect(view).toContainText('no metrics backend configured', { timeout: LOADED_MS });
    await expect(view).toContainText('tracelens --metrics-backend embedded');
  });

  test('span details leave the metrics out', async ({ page }) => {
    await page.goto(`${tracelens.queryUrl}/search?service=off-frontend&lookback=1h`);
    await page.getByRole('list', { name: 'Traces' }).getByRole('link').first().click();
    const trace = new TracePage(page);
    await trace.expectLoaded();
    await trace.setDetailsMode('Side panel');
    const metricsAsked = page.waitForResponse((r) => r.url().includes('/api/metrics/') && r.status() === 501);
    await trace.row('HTTP GET /dispatch').click();
    await expect(trace.detailsPanel.getByRole('heading', { name: 'HTTP GET /dispatch' })).toBeVisible();
    await metricsAsked;
    await expect(trace.detailsPanel.getByText('Operation metrics')).toHaveCount(0);
  });
});

/**
 * The Insights strip against the real all-in-one, fed by the demo scenario through the real
 * OpenTelemetry SDK: a dispatch request's route calls queue on three workers, and the trace page
 * says so, highlights them (in the timeline and in the flame graph) and scrolls to them; the
 * search results, from the server's v3 trace summaries, show which traces have findings.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { createDemoEmitter } from '../src/demo/emitter';
import { createOtlpExporter } from '../src/demo/exporter';
import { ROUTE_WORKERS } from '../src/demo/scenario/catalog';
import { createDispatchSimulation } from '../src/demo/scenario/simulation';
import { SearchPage } from './models/searchPage';
import { TracePage } from './models/tracePage';
import { startAllInOne, type AllInOneProcess } from './support/allInOne';

let tracelens: AllInOneProcess;
/** A demo trace whose route calls make a staircase, and how many calls it has. */
let staircase: { traceId: string; routeCalls: number };

const shotDir = process.env.SCREENSHOT_DIR ?? 'test-results';
const shot = (page: Page, name: string) => page.screenshot({ path: `${shotDir}/insights-${name}.png` });

interface JaegerTraceJson {
  traceID: string;
  spans: { operationName: string; processID: string }[];
  processes: Record<string, { serviceName: string }>;
}

/** Plays a few demo requests, seconds apart so none waits for the mysql lock, a minute ago. */
async function sendDemoTraffic(otlpHttpUrl: string): Promise<void> {
  const emitter = createDemoEmitter({
    exporterFor: () => createOtlpExporter(`${otlpHttpUrl}/v1/traces`, 'protobuf'),
    scheduledDelayMillis: 50,
  });
  const simulation = createDispatchSimulation(7);
  const epochNs = (BigInt(Date.now()) - 60_000n) * 1_000_000n;
  for (let i = 0; i < 4; i++) emitter.emit(simulation.planNext(i * 3e9), epochNs);
  await emitter.shutdown();
}

test.beforeAll(async () => {
  tracelens = await startAllInOne();
  await sendDemoTraffic(tracelens.otlpHttpUrl);
  const response = await fetch(`${tracelens.queryUrl}/api/traces?service=frontend&lookback=1h&limit=20`);
  const { data } = (await response.json()) as { data: JaegerTraceJson[] };
  const routeCalls = (t: JaegerTraceJson) =>
    t.spans.filter(
      (s) => s.operationName === 'HTTP GET /route' && t.processes[s.processID].serviceName === 'frontend',
    ).length;
  const found = data.find((t) => routeCalls(t) >= 2 * ROUTE_WORKERS + 1);
  if (!found) throw new Error(`no demo trace with a staircase among ${data.length}`);
  staircase = { traceId: found.traceID, routeCalls: routeCalls(found) };
});
test.afterAll(async () => {
  await tracelens?.stop();
});
test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
});

/** The strip's parts, in the words a person would use. */
class InsightsStrip {
  readonly region: Locator;
  readonly toggle: Locator;
  readonly findings: Locator;
  readonly headerCount: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole('region', { name: 'Insights' });
    this.toggle = this.region.getByRole('button', { name: /^Insights/ });
    this.findings = this.region
      .getByRole('list', { name: 'Findings, largest time at stake first' })
      .getByRole('button');
    this.headerCount = page.getByRole('button', { name: /^\d+ insights?: show them$/ });
  }

  finding(kind: string): Locator {
    return this.findings.filter({ hasText: kind });
  }
}

test('a demo trace’s staircase is found, and choosing it highlights the route calls', async ({ page }) => {
  const trace = new TracePage(page);
  await trace.goto(tracelens.queryUrl, staircase.traceId);
  await trace.expectLoaded();
  const insights = new InsightsStrip(page);
  await expect(insights.headerCount).toBeVisible();
  // Collapsed, the strip names the largest finding.
  await expect(insights.toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(insights.region).toContainText(/calls to route ran one after another/);

  // The header's count opens the strip and puts the keyboard on the first finding.
  await insights.headerCount.click();
  await expect(insights.toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(insights.findings.first()).toBeFocused();
  const sequential = insights.finding('Sequential calls');
  await expect(sequential).toContainText(`${staircase.routeCalls} HTTP GET /route calls to route`);
  await expect(sequential).toContainText(`at most ${ROUTE_WORKERS} at a time`);
  await expect(insights.finding('N+1 calls')).toContainText('GetDriver calls to redis');

  await sequential.click();
  await expect(sequential).toHaveAttribute('aria-pressed', 'true');
  const highlighted = trace.waterfall.locator('.wf-row.is-highlighted');
  await expect(highlighted).toHaveCount(staircase.routeCalls);
  for (const row of await highlighted.all()) await expect(row).toContainText('HTTP GET /route');
  await expect(highlighted.first()).toBeInViewport();
  // The timeline canvas rings their bars.
  await expect(trace.waterfall.locator('canvas.wf-timeline-canvas')).toHaveAttribute(
    'data-rings',
    String(staircase.routeCalls),
  );

  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await shot(page, `staircase-${colorScheme}`);
  }

  await insights.region.getByRole('button', { name: 'Clear highlight' }).click();
  await expect(highlighted).toHaveCount(0);
});

test('the strip works from the keyboard and stays as it was left', async ({ page }) => {
  const trace = new TracePage(page);
  await trace.goto(tracelens.queryUrl, staircase.traceId);
  await trace.expectLoaded();
  const insights = new InsightsStrip(page);
  await insights.toggle.focus();
  await page.keyboard.press('Enter');
  await expect(insights.toggle).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('Tab');
  await expect(insights.findings.first()).toBeFocused();
  await page.keyboard.press('End');
  await expect(insights.findings.last()).toBeFocused();
  await page.keyboard.press('Home');
  await expect(insights.findings.first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(insights.findings.nth(1)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(insights.findings.nth(1)).toHaveAttribute('aria-pressed', 'true');
  await expect(trace.waterfall.locator('.wf-row.is-highlighted').first()).toBeInViewport();

  await page.reload();
  await trace.expectLoaded();
  await expect(new InsightsStrip(page).toggle).toHaveAttribute('aria-expanded', 'true');
});

test('in the flame graph, choosing a finding highlights its spans there and fades the rest', async ({
  page,
}) => {
  await page.goto(`${tracelens.queryUrl}/trace/${staircase.traceId}?view=flame`);
  const flame = page.getByRole('application', { name: /^Flame graph/ });
  const canvas = page.getByTestId('flame-canvas');
  await expect(flame).toBeVisible({ timeout: 60_000 });
  await expect(canvas).toHaveAttribute('data-highlighted', '0');
  const insights = new InsightsStrip(page);
  await insights.toggle.click();
  const sequential = insights.finding('Sequential calls');
  await sequential.click();
  await expect(sequential).toHaveAttribute('aria-pressed', 'true');
  // The flame graph stays open and draws the highlight itself.
  await expect(page).toHaveURL(/view=flame/);
  await expect(canvas).toHaveAttribute('data-highlighted', String(staircase.routeCalls));
  await expect(
    page.getByText(`${staircase.routeCalls} spans highlighted by the chosen insight`),
  ).toBeAttached();
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await flame.scrollIntoViewIfNeeded();
    await shot(page, `flame-${colorScheme}`);
  }
  await sequential.click();
  await expect(canvas).toHaveAttribute('data-highlighted', '0');
});

test('search results from the v3 trace summaries show which traces have findings', async ({ page }) => {
  type Summaries = { summaries: { traceId: string; tracelensInsights?: Record<string, number> }[] };
  const window = `query.serviceName=frontend&query.startTimeMin=${new Date(Date.now() - 3600e3).toISOString()}&query.startTimeMax=${new Date(Date.now() + 60e3).toISOString()}`;
  // Each search spends a bounded time on traces not yet tallied; the next ones fill in the rest.
  await expect
    .poll(async () => {
      const response = await fetch(`${tracelens.queryUrl}/api/v3/trace-summaries?${window}`);
      const { summaries } = (await response.json()) as Summaries;
      return summaries.length > 0 && summaries.every((s) => s.tracelensInsights !== undefined);
    })
    .toBe(true);

  const spanFetches: string[] = [];
  page.on('request', (r) => {
    if (/\/api\/(v3\/)?traces(\?|\/|$)/.test(new URL(r.url()).pathname + '?')) spanFetches.push(r.url());
  });
  const answered = page.waitForResponse((r) => r.url().includes('/api/v3/trace-summaries?'));
  await page.goto(`${tracelens.queryUrl}/search?service=frontend&lookback=1h`);
  const body = (await (await answered).json()) as Summaries;
  const tally = body.summaries.find((s) => s.traceId === staircase.traceId)?.tracelensInsights ?? {};
  expect(tally.staircase).toBeGreaterThanOrEqual(1);

  const card = new SearchPage(page).results.locator(`li[data-trace-id="${staircase.traceId}"]`);
  const count = Object.values(tally).reduce((a, b) => a + b, 0);
  const badge = card.getByText(count === 1 ? '1 insight' : `${count} insights`, { exact: false });
  await expect(badge).toBeVisible();
  await expect(badge).toHaveAttribute('title', /Sequential calls/);
  // No spans were fetched for it: the tally came with the summary.
  expect(spanFetches).toEqual([]);
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await shot(page, `search-badges-${colorScheme}`);
  }
});

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startAllInOne, type AllInOneProcess } from './support/allInOne';
import { sendDispatchTrace } from './support/otelTraffic';

let tracelens: AllInOneProcess;
let strategiesFile: string;

test.beforeAll(async () => {
  strategiesFile = join(mkdtempSync(join(tmpdir(), 'tracelens-e2e-sampling-')), 'strategies.json');
  writeFileSync(
    strategiesFile,
    JSON.stringify({ default_strategy: { type: 'probabilistic', param: 1 }, service_strategies: [] }),
  );
  tracelens = await startAllInOne(['--sampling-strategies-file', strategiesFile]);
});
test.afterAll(async () => {
  await tracelens?.stop();
});

/** The sampling port's address, from the startup log (`Remote sampling  http://…/sampling?service=…`). */
function samplingUrl(): string {
  const url = /Remote sampling\s+(http\S+?)\/sampling\?service=/.exec(tracelens.output())?.[1];
  if (!url) throw new Error(`no "Remote sampling" line in the startup log:\n${tracelens.output()}`);
  return url;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A service's row; its header may go on with a tag such as "no spans yet". */
const row = (page: Page, service: string) =>
  page
    .getByRole('table', { name: 'Sampling strategies' })
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${escape(service)}(\\s|$)`) }) });

test("a service's probability edited on the Sampling page is saved and served to SDKs", async ({ page }) => {
  await sendDispatchTrace(tracelens.otlpHttpUrl, 'protobuf', 'sampling-');
  await page.setViewportSize({ width: 1300, height: 760 });
  await page.goto(`${tracelens.queryUrl}/sampling`);

  const frontend = row(page, 'sampling-frontend');
  await expect(frontend).toContainText('100 % follows the default');
  await frontend.getByRole('button', { name: 'Edit sampling-frontend' }).click();
  const form = page.getByRole('form', { name: 'Sampling strategy for sampling-frontend' });
  await form.getByRole('radio', { name: 'Probabilistic' }).check();
  const percent = form.getByLabel('Sampling percentage');
  await percent.fill('250');
  await expect(form.getByText('Enter a percentage from 0 to 100.')).toBeVisible();
  await percent.fill('10');
  await form.getByRole('button', { name: 'Add operation override' }).click();
  await form.getByLabel('Operation 1 name').fill('HTTP GET /health');
  await form.getByLabel('Sampling percentage for HTTP GET /health').fill('0');
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: `test-results/sampling-editor-${colorScheme}.png`, fullPage: true });
  }
  await form.getByRole('button', { name: 'Save' }).click();

  await expect(page.getByText('Saved: sampling-frontend is now sampled at 10 %.')).toBeVisible();
  await expect(frontend).toContainText('10 % probabilistic');
  await expect(frontend).toContainText('HTTP GET /health 0 %');

  // What SDKs get, on the sampling port (any path) and on the query port.
  const expected =
    '{"strategyType":"PROBABILISTIC","probabilisticSampling":{"samplingRate":0.1},' +
    '"operationSampling":{"defaultSamplingProbability":0.1,"defaultLowerBoundTracesPerSecond":0,' +
    '"perOperationStrategies":[{"operation":"HTTP GET /health","probabilisticSampling":{"samplingRate":0}}],' +
    '"defaultUpperBoundTracesPerSecond":0}}';
  const viaPort = await fetch(`${samplingUrl()}/sampling?service=sampling-frontend`);
  expect(viaPort.status).toBe(200);
  expect(await viaPort.text()).toBe(expected);
  expect(await (await fetch(`${tracelens.queryUrl}/api/sampling?service=sampling-frontend`)).text()).toBe(
    expected,
  );
  expect(await (await fetch(`${samplingUrl()}/?service=sampling-driver`)).text()).toBe(
    '{"strategyType":"PROBABILISTIC","probabilisticSampling":{"samplingRate":1}}',
  );

  // Persisted to the strategies file.
  expect(JSON.parse(readFileSync(strategiesFile, 'utf8'))).toEqual({
    default_strategy: { type: 'probabilistic', param: 1 },
    service_strategies: [
      {
        service: 'sampling-frontend',
        type: 'probabilistic',
        param: 0.1,
        operation_strategies: [{ operation: 'HTTP GET /health', type: 'probabilistic', param: 0 }],
      },
    ],
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: `test-results/sampling-${colorScheme}.png`, fullPage: true });
  }
});

test('an edit of the strategies file shows up on the page without a restart', async ({ page }) => {
  writeFileSync(
    strategiesFile,
    JSON.stringify({ service_strategies: [{ service: 'file-edited', type: 'ratelimiting', param: 7 }] }),
  );
  await expect
    .poll(async () => (await fetch(`${samplingUrl()}/sampling?service=file-edited`)).text(), {
      timeout: 10_000,
    })
    .toBe('{"strategyType":"RATE_LIMITING","rateLimitingSampling":{"maxTracesPerSecond":7}}');
  await page.goto(`${tracelens.queryUrl}/sampling`);
  await expect(row(page, 'file-edited')).toContainText('7 traces/s rate limiting');
});

import { expect, test } from '@playwright/test';
import { SearchPage } from './models/searchPage';
import { TracePage } from './models/tracePage';
import { startAllInOne, type AllInOneProcess } from './support/allInOne';
import { sendDispatchTrace, type Encoding } from './support/otelTraffic';

let tracelens: AllInOneProcess;

test.beforeAll(async () => {
  tracelens = await startAllInOne();
});
test.afterAll(async () => {
  await tracelens?.stop();
});

for (const encoding of ['protobuf', 'json'] satisfies Encoding[]) {
  test(`a 3-service trace exported by the OpenTelemetry SDK over OTLP/HTTP ${encoding} is found and shown`, async ({
    page,
  }) => {
    const sent = await sendDispatchTrace(tracelens.otlpHttpUrl, encoding, `${encoding}-`);
    const search = new SearchPage(page);
    await search.goto(tracelens.queryUrl);
    await search.search(`${encoding}-frontend`);
    await search.expectTraceCount(1);
    await expect(page).toHaveURL(new RegExp(`service=${encoding}-frontend`));

    await search.result(`${encoding}-frontend: HTTP GET /dispatch`).click();
    await expect(page).toHaveURL(new RegExp(`/trace/${sent.traceId}`));
    const trace = new TracePage(page);
    await expect(trace.spanRows()).toHaveCount(sent.operations.length);
    // The waterfall draws names on a canvas; each row's name cell carries them as its accessible name.
    for (const operation of sent.operations) {
      await expect(trace.row(operation)).toBeVisible();
    }
    for (const service of sent.services) {
      const name = new RegExp(`^${service.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `);
      await expect(trace.waterfall.getByRole('gridcell', { name }).first()).toBeVisible();
    }
  });
}

test('a trace ID typed in the top bar opens the trace, and an unknown one says it was not found', async ({
  page,
}) => {
  const sent = await sendDispatchTrace(tracelens.otlpHttpUrl, 'protobuf', 'lookup-');
  await page.goto(`${tracelens.queryUrl}/search`);
  const lookup = page.getByRole('textbox', { name: /trace id/i });
  await lookup.fill(sent.traceId);
  await lookup.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/trace/${sent.traceId}`));
  await expect(new TracePage(page).spanRows()).toHaveCount(sent.operations.length);

  await page.goto(`${tracelens.queryUrl}/trace/0123456789abcdef`);
  await expect(page.getByText(/was not found/)).toBeVisible();
});

/**
 * The search page with 1,500 results (Jaeger UI's default maximum, where it stops responding):
 * from the search response to the list and the scatter plot painted, then re-sorting, scrolling
 * and hovering. The probes are the Playwright test's (e2e/support/searchPerf.ts).
 */
import type { Browser } from 'playwright';
import { sendTraces } from '../../e2e/support/otlpJson';
import { perfTraces } from '../../e2e/support/searchFixtures';
import { installPaintProbe, measureInteractions, paintAfterResponse } from '../../e2e/support/searchPerf';

export interface SearchFigures {
  results: number;
  responseKiB: number;
  listPaintedMs: number;
  plotPaintedMs: number;
  sortMs: number;
  scrollMedianMs: number;
  scrollWorstMs: number;
  hoverMs: number;
}

const RESULTS = 1500;
const round = (ms: number) => Math.round(ms * 10) / 10;

/** Ingest is asynchronous: waits until a search finds every trace sent. */
async function waitForIngest(queryUrl: string): Promise<void> {
  const search = `${queryUrl}/api/traces?service=perf-svc&lookback=1h&limit=${RESULTS}`;
  for (const started = Date.now(); Date.now() - started < 120_000;) {
    const body = (await (await fetch(search)).json()) as { data: unknown[] | null };
    if ((body.data?.length ?? 0) >= RESULTS) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the all-in-one did not find ${RESULTS} traces within 2 minutes`);
}

export async function measureSearch(
  browser: Browser,
  queryUrl: string,
  otlpHttpUrl: string,
): Promise<SearchFigures> {
  await sendTraces(otlpHttpUrl, perfTraces(RESULTS));
  await waitForIngest(queryUrl);
  // The page's Content Security Policy forbids eval, which string probes need; it costs nothing measured.
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, bypassCSP: true });
  const page = await context.newPage();
  // The probes wait with Playwright's default timeout; a busy machine needs more.
  page.setDefaultTimeout(120_000);
  try {
    // tsx compiles the probes with esbuild's keepNames, which wraps functions in a `__name` helper
    // that the page does not have; an identity stands in for it.
    await page.addInitScript({ content: 'window.__name = (target) => target;' });
    await installPaintProbe(page, RESULTS);
    // The best of three loads: what the page costs, not what the neighbours on the machine do.
    const runs: { list: number; plot: number }[] = [];
    for (let run = 0; run < 3; run++) {
      await page.goto(`${queryUrl}/search?service=perf-svc&lookback=1h&limit=${RESULTS}`);
      runs.push(await paintAfterResponse(page));
    }
    const interactions = await measureInteractions(page);
    if (!interactions.tooltip) throw new Error('hovering the scatter plot showed no tooltip');
    return {
      results: RESULTS,
      responseKiB: interactions.bodyKiB,
      listPaintedMs: round(Math.min(...runs.map((r) => r.list))),
      plotPaintedMs: round(Math.min(...runs.map((r) => r.plot))),
      sortMs: round(interactions.sort),
      scrollMedianMs: round(interactions.scrollMedian),
      scrollWorstMs: round(interactions.scrollWorst),
      hoverMs: round(interactions.hover),
    };
  } finally {
    await context.close();
  }
}

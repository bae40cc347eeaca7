/**
 * Tracelens behind a path prefix and inside other pages: the real all-in-one started with
 * `--base-path /jaeger` and a Jaeger UI config file, then every page, link and asset under the
 * prefix, and Jaeger UI's embedded mode (uiEmbed=v0) in an iframe of another site.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect as baseExpect, test, type Page, type Response } from '@playwright/test';
import { SearchPage } from './models/searchPage';
import { TracePage } from './models/tracePage';
import { startAllInOne, type AllInOneProcess } from './support/allInOne';
import { sendDispatchTrace, type SentTrace } from './support/otelTraffic';

// The first page of a fresh browser fetches, parses and indexes everything: slow on a busy machine.
const expect = baseExpect.configure({ timeout: 20_000 });

/**
 * Another site that embeds Tracelens: a second local server (a different origin). Chromium will
 * not frame a loopback page into a page it considers public, so the embedder is local too.
 */
let embedder: { url: string; pages: Map<string, string>; server: Server };

async function startEmbedder(): Promise<typeof embedder> {
  const pages = new Map<string, string>();
  const server = createServer((req, res) => {
    const body = pages.get(req.url ?? '');
    res.writeHead(body ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(body ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, pages, server };
}
const UI_CONFIG = {
  menu: [
    { label: 'Runbooks', url: 'https://wiki.example.com/runbooks' },
    { label: 'About', items: [{ label: 'Tracelens docs', url: 'https://docs.example.com/tracelens' }] },
  ],
  traceIdDisplayLength: 8,
  linkPatterns: [
    {
      type: 'process',
      key: 'host.name',
      url: 'https://hosts.example.com/#{host.name}',
      text: 'Host #{host.name}',
    },
    // On an event's attributes, with a parameter from the root span three levels up.
    {
      type: 'logs',
      key: 'attempt',
      url: 'https://retries.example.com/#{http.route}?attempt=#{attempt}&trace=#{traceID}',
      text: 'Retry #{attempt} of #{http.route}',
    },
    { type: 'traces', url: 'https://logs.example.com/?trace=#{traceID}', text: 'Logs of this trace' },
    { type: 'traces', url: 'javascript:alert(1)', text: 'Not a link' },
  ],
};

let tracelens: AllInOneProcess;
let sent: SentTrace;
let configDir: string;

test.beforeAll(async () => {
  configDir = mkdtempSync(join(tmpdir(), 'tracelens-ui-config-'));
  const configFile = join(configDir, 'ui-config.json');
  writeFileSync(configFile, JSON.stringify(UI_CONFIG));
  embedder = await startEmbedder();
  tracelens = await startAllInOne([
    '--base-path',
    '/jaeger',
    '--ui-config',
    configFile,
    '--frame-ancestors',
    `'self' ${embedder.url}`,
  ]);
  sent = await sendDispatchTrace(tracelens.otlpHttpUrl, 'protobuf', 'embed-');
});

test.afterAll(async () => {
  await tracelens?.stop();
  await new Promise((resolve) => embedder?.server.close(resolve));
  if (configDir) rmSync(configDir, { recursive: true, force: true });
});

/** Every response of the UI's origin, to check that nothing left the prefix or failed. */
function watchResponses(page: Page): Response[] {
  const seen: Response[] = [];
  const origin = new URL(tracelens.queryUrl).origin;
  page.on('response', (r) => {
    if (r.url().startsWith(origin)) seen.push(r);
  });
  return seen;
}

/** The API's search probes answer 400 on purpose (no parameters); anything else is a failure. */
function problems(responses: Response[]): string[] {
  const prefix = new URL(tracelens.queryUrl).pathname;
  return responses
    .filter((r) => {
      const path = new URL(r.url()).pathname;
      const probe = /\/api\/(v3\/trace-summaries|traces|v3\/traces)$/.test(path) && r.status() === 400;
      return !path.startsWith(`${prefix}/`) || (r.status() >= 400 && !probe);
    })
    .map((r) => `${r.status()} ${r.url()}`);
}

test('every page, link and asset works under --base-path /jaeger', async ({ page }) => {
  expect(new URL(tracelens.queryUrl).pathname).toBe('/jaeger');
  const responses = watchResponses(page);
  await page.goto(`${tracelens.queryUrl}/`);
  await expect(page).toHaveURL(`${tracelens.queryUrl}/search`);

  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const [link, heading, path] of [
    ['Topology', 'Service dependencies', '/dependencies'],
    ['Monitor', 'Monitor', '/monitor'],
    ['Sampling', 'Sampling', '/sampling'],
    ['Search', 'Search', '/search'],
  ] as const) {
    await nav.getByRole('link', { name: link }).click();
    await expect(page).toHaveURL(new RegExp(`^${tracelens.queryUrl}${path}`));
    await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
  }

  // The UI config file given to the server: its menu is in the top bar.
  await expect(
    page.getByRole('navigation', { name: 'Links' }).getByRole('link', { name: 'Runbooks' }),
  ).toHaveAttribute('href', 'https://wiki.example.com/runbooks');

  const search = new SearchPage(page);
  await search.search('embed-frontend');
  await search.expectTraceCount(1);
  await search.result('embed-frontend: HTTP GET /dispatch').click();
  await expect(page).toHaveURL(`${tracelens.queryUrl}/trace/${sent.traceId}`);
  const trace = new TracePage(page);
  await expect(trace.spanRows()).toHaveCount(sent.operations.length);
  // traceIdDisplayLength from the config file.
  await expect(page.getByText(sent.traceId.slice(0, 8), { exact: true })).toBeVisible();

  // A deep link reloads under the prefix, and the JSON link points into it.
  await page.reload();
  await expect(trace.spanRows()).toHaveCount(sent.operations.length);
  const json = page.getByRole('link', { name: 'Trace JSON' });
  await expect(json).toHaveAttribute(
    'href',
    `${tracelens.queryUrl}/api/traces/${sent.traceId}?prettyPrint=true`,
  );
  const answer = await page.request.get((await json.getAttribute('href')) ?? '');
  expect(answer.status()).toBe(200);

  // A link pattern from the config on the resource attributes.
  await trace.row('HTTP GET /dispatch').click();
  await trace.detailsPanel.locator('summary', { hasText: /^Resource/ }).click();
  await expect(trace.detailsPanel.getByRole('link', { name: 'Host embed-frontend-1' })).toHaveAttribute(
    'href',
    'https://hosts.example.com/embed-frontend-1',
  );
  // A "logs" pattern on the event of GetDriver, filled from its root ancestor and the trace.
  await trace.row('GetDriver').click();
  await expect(trace.detailsPanel.getByRole('link', { name: 'Retry 2 of /dispatch' })).toHaveAttribute(
    'href',
    `https://retries.example.com/%2Fdispatch?attempt=2&trace=${sent.traceId}`,
  );
  // A "traces" pattern in the header; the javascript: one only as text, with no href.
  const header = page.locator('.trace-header');
  await expect(header.getByRole('link', { name: 'Logs of this trace' })).toHaveAttribute(
    'href',
    `https://logs.example.com/?trace=${sent.traceId}`,
  );
  await expect(header.locator('.pattern-links__blocked')).toContainText('Not a link');
  await expect(header.getByRole('link', { name: /Not a link/ })).toHaveCount(0);
  await expect(page.locator('[href^="javascript"]')).toHaveCount(0);
  expect(problems(responses)).toEqual([]);
});

test('embeds the trace view in an iframe of another site, with the embedded options', async ({ page }) => {
  const src = `${tracelens.queryUrl}/trace/${sent.traceId}?uiEmbed=v0&uiTimelineHideMinimap=1&uiTimelineCollapseTitle=1&uiTheme=dark`;
  embedder.pages.set(
    '/incident/42',
    `<!doctype html><title>Incident 42</title><h1>Incident 42</h1>
      <iframe title="Trace" src="${src}" style="width: 1200px; height: 700px"></iframe>`,
  );
  await page.setViewportSize({ width: 1280, height: 860 });
  await page.goto(`${embedder.url}/incident/42`);
  const frame = page.frameLocator('iframe[title="Trace"]');
  const rows = frame.getByRole('treegrid', { name: 'Spans' }).locator('[role="row"][aria-level][data-row]');
  await expect(rows).toHaveCount(sent.operations.length);

  // Embedded: one heading, the trace; the waterfall alone, no view switcher, insights or settings.
  await expect(frame.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  await expect(frame.getByRole('heading', { level: 1 })).toHaveCount(1);
  await expect(frame.getByRole('heading', { level: 1 })).toContainText('embed-frontend: HTTP GET /dispatch');
  await expect(frame.getByRole('tablist', { name: 'Trace views' })).toHaveCount(0);
  await expect(frame.getByRole('radiogroup', { name: 'Span details' })).toHaveCount(0);
  await expect(frame.getByRole('link', { name: 'Trace JSON' })).toHaveCount(0);
  await expect(frame.getByRole('link', { name: 'Logs of this trace' })).toBeVisible();
  await expect(frame.getByRole('region', { name: 'Trace overview' })).toHaveCount(0);
  await expect(frame.locator('html')).toHaveAttribute('data-theme', 'dark');
  // The slim header opens on request.
  await frame.getByRole('button', { name: 'Show summary' }).click();
  await expect(frame.getByText('Total spans')).toBeVisible();
  await expect(frame.getByRole('link', { name: 'Open in Tracelens' })).toHaveAttribute(
    'href',
    `${tracelens.queryUrl}/trace/${sent.traceId}`,
  );

  // It is a working view: a click opens the span's details inside the frame.
  await rows.filter({ hasText: 'HTTP GET /dispatch' }).first().click();
  await expect(frame.getByRole('complementary', { name: 'Span details' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('embedded-trace.png') });
});

test('embeds search results without the form or the plot, and opens a trace in place', async ({ page }) => {
  const query = `service=embed-frontend&lookback=1h&uiEmbed=v0&uiSearchHideGraph=1`;
  embedder.pages.set(
    '/dashboard',
    `<!doctype html><title>Dashboard</title>
      <iframe title="Traces" src="${tracelens.queryUrl}/search?${query}" style="width: 1000px; height: 600px"></iframe>`,
  );
  await page.goto(`${embedder.url}/dashboard`);
  const frame = page.frameLocator('iframe[title="Traces"]');
  const results = frame.getByRole('list', { name: 'Traces' });
  await expect(results.getByRole('link', { name: 'embed-frontend: HTTP GET /dispatch' })).toBeVisible();
  await expect(frame.getByRole('form', { name: 'Search traces' })).toBeHidden();
  await expect(frame.getByRole('figure', { name: 'Traces by start time and duration' })).toHaveCount(0);
  // The form and its heading are hidden; the page keeps one (visually hidden) h1.
  await expect(frame.getByRole('heading', { level: 1 })).toHaveCount(1);
  await expect(frame.getByRole('heading', { level: 1 })).toHaveText('Search results');
  // Results alone, as in Jaeger UI: no comparison and no download from inside the frame.
  await expect(frame.getByRole('button', { name: 'Compare' })).toHaveCount(0);
  await expect(frame.getByRole('checkbox')).toHaveCount(0);
  await expect(frame.getByRole('button', { name: /Download/ })).toHaveCount(0);

  await results.getByRole('link', { name: 'embed-frontend: HTTP GET /dispatch' }).click();
  await expect(frame.getByRole('treegrid', { name: 'Spans' })).toBeVisible();
  await expect(frame.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
});

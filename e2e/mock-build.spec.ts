/**
 * The static no-backend demo (`npm run build:mock`), served by a bare file server from a
 * sub-path, with every request to `/api/` that would reach the network aborted and counted: the
 * pages must all work from the service worker's recorded data alone.
 *
 * Uses TRACELENS_MOCK_UI_DIR when set (a finished build:mock output); otherwise builds one.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect as baseExpect, test, type BrowserContext } from '@playwright/test';
import { SearchPage } from './models/searchPage';
import { TracePage } from './models/tracePage';

// The first page of a fresh browser fetches, parses and indexes everything: slow on a busy machine.
const expect = baseExpect.configure({ timeout: 20_000 });

const PREFIX = '/demos/tracelens/';
const root = fileURLToPath(new URL('..', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
};

interface StaticHost {
  url: string;
  /** Every path asked for, to prove no API request arrived. */
  requested: string[];
  close(): Promise<void>;
}

/** A plain file server, like any static host: files under PREFIX, 404.html for anything else. */
async function serveStatic(dir: string): Promise<StaticHost> {
  const requested: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requested.push(path);
    const rel = path.startsWith(PREFIX) ? path.slice(PREFIX.length) || 'index.html' : null;
    const file = rel === null ? null : normalize(join(dir, rel));
    if (file && file.startsWith(dir + sep) && existsSync(file) && statSync(file).isFile()) {
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(readFileSync(file));
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(readFileSync(join(dir, '404.html')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${PREFIX}`,
    requested,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let host: StaticHost;
let builtHere: string | undefined;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  let dir = process.env.TRACELENS_MOCK_UI_DIR;
  if (!dir) {
    builtHere = mkdtempSync(join(tmpdir(), 'tracelens-mock-'));
    dir = builtHere;
    const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
    const build = spawnSync(
      process.execPath,
      [vite, 'build', '-c', 'vite.mock.config.ts', '--outDir', dir, '--emptyOutDir', '--logLevel', 'error'],
      { cwd: root, encoding: 'utf8' },
    );
    if (build.status !== 0) throw new Error(`build:mock failed:\n${build.stdout}\n${build.stderr}`);
  }
  for (const file of ['index.html', '404.html', 'mockServiceWorker.js']) {
    if (!existsSync(join(dir, file))) throw new Error(`${dir} has no ${file}: not a build:mock output`);
  }
  host = await serveStatic(normalize(dir));
});

test.afterAll(async () => {
  await host?.close();
  if (builtHere) rmSync(builtHere, { recursive: true, force: true });
});

/** API requests that reached the network (from the page or from the service worker). */
async function blockApi(context: BrowserContext): Promise<string[]> {
  const escaped: string[] = [];
  await context.route(/\/api(\/|$)/, async (route) => {
    escaped.push(route.request().url());
    await route.abort('blockedbyclient');
  });
  return escaped;
}

test.afterEach(() => {
  expect(host.requested.filter((p) => p.includes('/api/'))).toEqual([]);
});

test('search lists recorded traces and opens one, with no API request leaving the browser', async ({
  page,
  context,
}) => {
  const escaped = await blockApi(context);
  await page.goto(host.url);
  await expect(page).toHaveURL(new RegExp(`${PREFIX}search`));
  const banner = page.getByRole('region', { name: 'Demo notice' });
  await expect(banner).toContainText('Mocked data — no backend');

  const search = new SearchPage(page);
  await search.search('frontend');
  await expect(search.results.getByRole('listitem').first()).toBeVisible();
  await expect(page.getByRole('heading', { name: /^\d+ traces$/ })).toBeVisible();
  await expect(search.scatter).toBeVisible();

  await search.results.getByRole('link', { name: 'frontend: HTTP GET /dispatch' }).first().click();
  await expect(page).toHaveURL(new RegExp(`${PREFIX}trace/[0-9a-f]{32}`));
  const trace = new TracePage(page);
  await expect(trace.spanRows().first()).toBeVisible();
  // Names are drawn on a canvas; a row's name cell carries them as its accessible name.
  await expect(trace.waterfall.getByRole('gridcell', { name: /^driver / }).first()).toBeVisible();

  // A deep link reloads from the static host's fallback page and still finds the trace.
  await page.reload();
  await expect(trace.spanRows().first()).toBeVisible();
  expect(escaped).toEqual([]);
});

test('the service worker is scoped to the sub-path and the banner can be folded but not removed', async ({
  page,
  context,
}) => {
  const escaped = await blockApi(context);
  await page.goto(`${host.url}search`);
  await expect(page.getByRole('region', { name: 'Demo notice' })).toBeVisible();
  const worker = await page.evaluate(
    'navigator.serviceWorker.getRegistration().then((r) => r && { scope: r.scope, script: r.active && r.active.scriptURL })',
  );
  expect(worker).toEqual({ scope: host.url, script: `${host.url}mockServiceWorker.js` });

  await page.getByRole('button', { name: 'Hide notice' }).click();
  await expect(page.getByRole('region', { name: 'Demo notice' })).toBeHidden();
  const badge = page.getByRole('button', { name: 'Mocked data' });
  await expect(badge).toBeVisible();
  await badge.click();
  await expect(page.getByRole('region', { name: 'Demo notice' })).toBeVisible();
  expect(escaped).toEqual([]);
});

test('topology shows the demo services and their calls', async ({ page, context }) => {
  const escaped = await blockApi(context);
  await page.goto(`${host.url}dependencies`);
  // Layout runs in a worker (ELK); a loaded machine needs a while.
  await expect(page.getByRole('group', { name: 'Service dependency graph' })).toBeVisible({
    timeout: 45_000,
  });
  for (const [parent, child] of [
    ['frontend', 'customer'],
    ['frontend', 'driver'],
    ['frontend', 'route'],
  ]) {
    // A straight edge's group has no height (SVG boxes leave out the stroke), so Playwright would
    // call it hidden: check that its line is drawn instead.
    await expect(page.locator(`[data-edge="${parent}→${child}"] path`).first()).toHaveAttribute('d', /\d/);
  }
  expect(escaped).toEqual([]);
});

test('monitor charts the recorded traffic', async ({ page, context }) => {
  const escaped = await blockApi(context);
  await page.goto(`${host.url}monitor?service=frontend&lookback=1h`);
  await expect(
    page.getByText(/^Latest: p95 latency [\d.]+ (ms|s), [\d.]+ req\/s, [\d.]+ % errors/),
  ).toBeVisible();
  for (const chart of ['Latency (ms)', 'Error rate (%)', 'Request rate (req/s)']) {
    await expect(
      page.getByRole('figure', { name: chart }).locator('.recharts-line-curve').first(),
    ).toBeAttached();
  }
  await expect(page.getByRole('table').getByRole('rowheader', { name: 'HTTP GET /dispatch' })).toBeVisible();
  expect(escaped).toEqual([]);
});

test('sampling lists the demo services and keeps an edit until reload', async ({ page, context }) => {
  const escaped = await blockApi(context);
  await page.goto(`${host.url}sampling`);
  const row = (service: string) =>
    page
      .getByRole('table', { name: 'Sampling strategies' })
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${service}(\\s|$)`) }) });
  for (const service of ['customer', 'driver', 'frontend', 'route']) await expect(row(service)).toBeVisible();
  await row('driver').getByRole('button', { name: 'Edit driver' }).click();
  const form = page.getByRole('form', { name: 'Sampling strategy for driver' });
  await form.getByRole('radio', { name: 'Probabilistic' }).check();
  await form.getByLabel('Sampling percentage').fill('25');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved: driver is now sampled at 25 %.')).toBeVisible();
  await expect(row('driver')).toContainText('25 % probabilistic');
  expect(escaped).toEqual([]);
});

test('the theme switches live: charts, graph, minimap and service colours follow', async ({
  page,
  context,
}) => {
  test.setTimeout(150_000);
  const escaped = await blockApi(context);
  await page.emulateMedia({ colorScheme: 'light' });
  const toDark = () => page.getByRole('button', { name: 'Switch to dark theme' }).click();
  const toLight = () => page.getByRole('button', { name: 'Switch to light theme' }).click();
  // Browser code as text: the e2e project is type-checked without the DOM library.
  const style = async (selector: string, property: string) => {
    const value = await page.evaluate<string>(
      `getComputedStyle(document.querySelector(${JSON.stringify(selector)})).getPropertyValue(${JSON.stringify(property)})`,
    );
    expect(value, `${property} of ${selector}`).not.toBe('');
    return value;
  };

  await page.goto(`${host.url}monitor?service=frontend&lookback=1h`);
  const line = '.recharts-line-curve';
  await expect(page.locator(line).first()).toBeAttached();
  const lightLine = await style(line, 'stroke');
  await toDark();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await style(line, 'stroke')).not.toBe(lightLine);

  await page.goto(`${host.url}dependencies`);
  const edge = '[data-edge="frontend→route"] .graph-edge__line';
  await expect(page.locator(edge)).toBeAttached({ timeout: 45_000 });
  const darkEdge = await style(edge, 'stroke');
  await toLight();
  expect(await style(edge, 'stroke')).not.toBe(darkEdge);

  await page.goto(`${host.url}search?service=frontend&lookback=1h`);
  await page.getByRole('list', { name: 'Traces' }).getByRole('link').first().click();
  const canvas = page.locator('canvas.minimap__canvas');
  await expect(canvas).toHaveAttribute('data-theme', 'light');
  const swatch = '.trace-header .service-swatch';
  const lightSwatch = await style(swatch, 'background-color');
  await toDark();
  // The canvas repainted with the dark palette; CSS swatches changed with it.
  await expect(canvas).toHaveAttribute('data-theme', 'dark');
  expect(await style(swatch, 'background-color')).not.toBe(lightSwatch);
  expect(escaped).toEqual([]);
});

test('every trace view, the comparison and embedded mode work from the recorded data', async ({
  page,
  context,
}) => {
  test.setTimeout(150_000);
  const escaped = await blockApi(context);
  await page.goto(`${host.url}search?service=frontend&lookback=1h`);
  const links = page.getByRole('list', { name: 'Traces' }).getByRole('link');
  await expect(links.nth(1)).toBeVisible();
  const ids: string[] = [];
  for (const i of [0, 1]) {
    const id = /trace\/([0-9a-f]{32})/.exec((await links.nth(i).getAttribute('href')) ?? '')?.[1];
    if (!id) throw new Error('a search result without a trace link');
    ids.push(id);
  }

  for (const view of ['statistics', 'spans', 'flame', 'graph', 'events', 'json', 'timeline']) {
    await page.goto(`${host.url}trace/${ids[0]}?view=${view}`);
    await expect(page.getByRole('tab', { selected: true })).toHaveAttribute('id', `trace-view-tab-${view}`);
    await expect(page.getByText(/^Opening the /)).toHaveCount(0);
    const panel = page.getByRole('tabpanel');
    await expect(panel.locator('*').first()).toBeVisible();
    await expect(panel.getByRole('alert')).toHaveCount(0);
  }

  await page.goto(`${host.url}trace/${ids[0]}...${ids[1]}`);
  await expect(page.getByRole('heading', { name: 'Compare traces', level: 1 })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);

  // Embedded: the waterfall alone, the forced theme, and a way out to the full view.
  await page.goto(`${host.url}trace/${ids[0]}?uiEmbed=v0&uiTheme=dark&view=flame`);
  await expect(new TracePage(page).spanRows().first()).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByRole('tablist', { name: 'Trace views' })).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
  await expect(page.getByRole('link', { name: 'Open in Tracelens' })).toHaveAttribute(
    'href',
    `${host.url}trace/${ids[0]}?view=flame`,
  );
  await expect(page.getByRole('region', { name: 'Demo notice' })).toBeVisible();
  expect(escaped).toEqual([]);
});

test('the block sees an API request that does reach the network (control)', async ({ context }) => {
  const escaped = await blockApi(context);
  // A page the service worker does not control: its request goes to the network and is caught.
  const uncontrolled = await context.newPage();
  await uncontrolled.goto('about:blank');
  await uncontrolled.evaluate(`fetch(${JSON.stringify(`${host.url}api/services`)}).catch(() => null)`);
  await expect.poll(() => escaped).toEqual([`${host.url}api/services`]);
});

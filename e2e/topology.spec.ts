/**
 * The topology page against the real all-in-one: OTel SDK traffic in, the service graph out, with
 * focus/depth and the node menu's links. Works whether or not the backend serves /api/topology
 * (the page falls back to Jaeger's /api/dependencies).
 */
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { startAllInOne, type AllInOneProcess } from './support/allInOne';
import { sendDispatchTrace } from './support/otelTraffic';

let tracelens: AllInOneProcess;
const P = 'topo-';
const services = [`${P}frontend`, `${P}customer`, `${P}driver`];
// The dispatch trace: frontend's server span calls its own client spans, which call customer and
// driver; each of those calls its own client span (SQL, Redis).
const edges = [
  [`${P}frontend`, `${P}frontend`],
  [`${P}frontend`, `${P}customer`],
  [`${P}frontend`, `${P}driver`],
  [`${P}customer`, `${P}customer`],
  [`${P}driver`, `${P}driver`],
];

test.beforeAll(async () => {
  tracelens = await startAllInOne();
  await sendDispatchTrace(tracelens.otlpHttpUrl, 'protobuf', P);
  await sendDispatchTrace(tracelens.otlpHttpUrl, 'json', P);
});
test.afterAll(async () => {
  await tracelens?.stop();
});

const node = (page: Page, service: string) =>
  page.getByRole('button', { name: new RegExp(`^${service}(:|$)`) });

async function open(page: Page, query = '') {
  await page.goto(`${tracelens.queryUrl}/dependencies${query}`);
  await expect(page.getByRole('heading', { name: 'Service dependencies' })).toBeVisible();
  // The first layout waits for the worker to parse ELK (~1.5 MB): seconds on a busy CI machine.
  await expect(page.getByRole('group', { name: 'Service dependency graph' })).toBeVisible({
    timeout: 30_000,
  });
}

test('every service and call of the received traces is drawn', async ({ page }) => {
  await open(page);
  for (const s of services) await expect(node(page, s)).toBeVisible();
  for (const [parent, child] of edges) {
    // A straight edge's group has no height (SVG boxes leave out the stroke), so Playwright would
    // call it hidden: check that its line is drawn instead.
    await expect(page.locator(`[data-edge="${parent}→${child}"] path`).first()).toHaveAttribute('d', /\d/);
  }
  await expect(page.getByText(/Showing 3 of 3 services/)).toBeVisible();
  mkdirSync('test-results/topology', { recursive: true });
  for (const theme of ['light', 'dark'] as const) {
    await page
      .locator('html')
      .evaluate(
        (el, t) =>
          (el as unknown as { setAttribute(k: string, v: string): void }).setAttribute('data-theme', t),
        theme,
      );
    await page.screenshot({ path: `test-results/topology/dependencies-${theme}.png` });
  }
});

test('focus and depth narrow the graph', async ({ page }) => {
  await open(page);
  await page.getByRole('combobox', { name: 'Focus service' }).selectOption(`${P}customer`);
  await page.getByRole('combobox', { name: 'Depth' }).selectOption('1');
  await expect(page.getByText(/Showing 2 of 3 services/)).toBeVisible();
  await expect(node(page, `${P}driver`)).toHaveCount(0);
  await expect(node(page, `${P}frontend`)).toBeVisible();
  expect(new URL(page.url()).searchParams.get('service')).toBe(`${P}customer`);
  // driver is customer's sibling through a shared caller, not a dependency: depth 2 keeps it out.
  await page.getByRole('combobox', { name: 'Depth' }).selectOption('2');
  await expect(page.getByText(/Showing 2 of 3 services/)).toBeVisible();
  await page.getByRole('combobox', { name: 'Focus service' }).selectOption(`${P}frontend`);
  await expect(page.getByText(/Showing 3 of 3 services/)).toBeVisible();
  await expect(node(page, `${P}driver`)).toBeVisible();
});

test('the node menu reaches search and monitor with the service filter', async ({ page }) => {
  await open(page);
  await node(page, `${P}driver`).click();
  const menu = page.getByRole('menu', { name: `Actions for ${P}driver` });
  await expect(menu.getByRole('menuitem', { name: 'Search traces' })).toBeFocused();
  await menu.getByRole('menuitem', { name: 'Search traces' }).click();
  await expect(page).toHaveURL(/\/search\?/);
  expect(new URL(page.url()).searchParams.get('service')).toBe(`${P}driver`);

  await open(page);
  await node(page, `${P}driver`).focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('menuitem', { name: 'Monitor' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/monitor\?/);
  expect(new URL(page.url()).searchParams.get('service')).toBe(`${P}driver`);
});

test('an edge leads to the traces of the called service', async ({ page }) => {
  await open(page);
  await page.locator(`[data-edge="${P}frontend→${P}driver"]`).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/search\?/);
  expect(new URL(page.url()).searchParams.get('service')).toBe(`${P}driver`);
});

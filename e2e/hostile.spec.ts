/**
 * Hostile traces: every attribute, event, link, name and config string is data, never markup or
 * code. The traces carry script tags, event-handler HTML, javascript: URLs, RTL overrides and a
 * 10 MB value; the pages that show them (search, trace with every details section open,
 * topology, monitor) must run none of it, report no Content-Security-Policy violation, keep the
 * RTL overrides from reordering the text around them, and stay usable.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { TracePage } from './models/tracePage';
import { startAllInOne, type AllInOneProcess } from './support/allInOne';
import { sendDispatchTrace } from './support/otelTraffic';

/** Set on window by any payload that runs. */
const MARK = '__tracelensPwned';
const payloads = {
  script: `<script>window.${MARK}='script';alert(1)</script>`,
  img: `<img src=x onerror="window.${MARK}='img';alert(2)">`,
  svg: `"><svg onload="window.${MARK}='svg'"><b data-pwned>bold</b>`,
  jsUrl: `javascript:window.${MARK}='href';alert(3)`,
  rtl: 'invoice\u202Egnp.exe',
};
const BIG_VALUE = 'A'.repeat(10 * 1024 * 1024);
const SERVICE = `<b>shop</b>${payloads.img}`;
const RTL_SERVICE = `pay\u202Emente`;
const OPERATION = `${payloads.script} GET /checkout`;

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const str = (key: string, value: string) => ({ key, value: { stringValue: value } });

function hostileRequest(traceId: string) {
  const start = BigInt(Date.now() - 30_000) * 1_000_000n;
  const at = (ms: number) => (start + BigInt(ms) * 1_000_000n).toString();
  const rootId = hex(8);
  const childId = hex(8);
  const hostileAttributes = [
    str('http.url', payloads.jsUrl),
    str('html', payloads.img),
    str(payloads.svg, 'key made of markup'),
    str('rtl', payloads.rtl),
    str('link', 'https://example.com/'),
    str('big', BIG_VALUE),
    {
      key: 'nested',
      value: { kvlistValue: { values: [str('inner', payloads.script), str('href', payloads.jsUrl)] } },
    },
  ];
  return {
    resourceSpans: [
      {
        resource: { attributes: [str('service.name', SERVICE), str('host.name', payloads.svg)] },
        scopeSpans: [
          {
            scope: { name: payloads.script, version: payloads.rtl },
            spans: [
              {
                traceId,
                spanId: rootId,
                name: OPERATION,
                kind: 2,
                startTimeUnixNano: at(0),
                endTimeUnixNano: at(120),
                attributes: hostileAttributes,
                events: [
                  {
                    timeUnixNano: at(10),
                    name: payloads.script,
                    attributes: [str('exception.message', payloads.img)],
                  },
                  { timeUnixNano: at(20), name: payloads.rtl, attributes: [str('url', payloads.jsUrl)] },
                ],
                links: [
                  {
                    traceId: hex(16),
                    spanId: hex(8),
                    traceState: payloads.svg,
                    attributes: [str('why', payloads.script)],
                  },
                ],
                status: { code: 2, message: payloads.img },
              },
            ],
          },
        ],
      },
      {
        resource: { attributes: [str('service.name', RTL_SERVICE)] },
        scopeSpans: [
          {
            spans: [
              {
                traceId,
                spanId: childId,
                parentSpanId: rootId,
                name: `charge ${payloads.rtl} card`,
                kind: 3,
                startTimeUnixNano: at(30),
                endTimeUnixNano: at(90),
                attributes: [str('peer.service', SERVICE), str('note', payloads.rtl)],
              },
            ],
          },
        ],
      },
    ],
  };
}

let tracelens: AllInOneProcess;
const traceId = hex(16);

test.beforeAll(async () => {
  // Config strings are data too: a menu entry with markup in its label and a javascript: URL.
  const uiConfig = join(mkdtempSync(join(tmpdir(), 'tracelens-hostile-')), 'ui-config.json');
  writeFileSync(
    uiConfig,
    JSON.stringify({
      menu: [
        { label: payloads.img, url: 'https://example.com/docs' },
        { label: 'Runbook', url: payloads.jsUrl },
        {
          label: `About ${payloads.rtl}`,
          items: [
            { label: payloads.script, url: 'https://example.com/about' },
            { label: 'Status', url: payloads.jsUrl },
          ],
        },
      ],
    }),
  );
  // No value-length limit, so the 10 MB value reaches the page.
  tracelens = await startAllInOne(['--max-attribute-value-length', '0', '--ui-config', uiConfig]);
  const response = await fetch(`${tracelens.otlpHttpUrl}/v1/traces`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(hostileRequest(traceId)),
  });
  expect(response.status).toBe(200);
  expect(await response.text()).toBe('{}');
});
test.afterAll(async () => {
  await tracelens?.stop();
});

// Browser-side code is text: the e2e project is type-checked without the DOM library.
const WATCH_PAGE = `
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || ''));
  });`;

/** Everything a payload would leave behind if it had been parsed as HTML or run. */
const FIND_EXECUTION = `(() => {
  const found = [];
  if (window.${MARK} !== undefined) found.push('payload ran: ' + window.${MARK});
  for (const el of document.querySelectorAll('[onerror], [onload], [data-pwned], img[src="x"], svg[onload]'))
    found.push('injected element: ' + el.outerHTML.slice(0, 80));
  // The server writes the UI config (hostile menu entries included) into index.html's own
  // JAEGER_CONFIG script as escaped JSON; any other script holding a payload was injected.
  for (const el of document.querySelectorAll('script'))
    if (el.textContent.includes('${MARK}') && !el.textContent.includes('JAEGER_CONFIG = {'))
      found.push('injected script');
  for (const el of document.querySelectorAll('[href], [src], [action], [formaction]'))
    for (const name of ['href', 'src', 'action', 'formaction']) {
      const value = (el.getAttribute(name) || '').replace(/[\\s\\u0000-\\u001f]/g, '').toLowerCase();
      if (value.startsWith('javascript:') || value.startsWith('data:text/html'))
        found.push(name + ' with a script URL on <' + el.tagName.toLowerCase() + '>');
    }
  return { found, csp: window.__cspViolations };
})()`;

/**
 * Text after an unterminated RLO (U+202E) is laid out right to left until the end of its bidi
 * paragraph: unless the override sits in an isolate (or a block of its own), the UI's own text
 * that follows it is reordered. Lists the texts that would be.
 */
const FIND_RTL_LEAKS = `(() => {
  const leaks = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.data.includes('\\u202e')) continue;
    let container = node.parentElement;
    while (container && container !== document.body) {
      const style = getComputedStyle(container);
      if (style.unicodeBidi === 'isolate' || style.unicodeBidi === 'plaintext' || style.unicodeBidi === 'isolate-override') break;
      if (style.display !== 'inline' && style.display !== 'contents') break;
      container = container.parentElement;
    }
    if (!container || container === document.body) { leaks.push('no container: ' + node.data.slice(0, 40)); continue; }
    const after = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
    after.currentNode = node;
    for (let next = after.nextNode(); next; next = after.nextNode()) {
      // A block inside the container starts a paragraph of its own.
      let blocked = false;
      for (let el = next.parentElement; el && el !== container; el = el.parentElement) {
        const s = getComputedStyle(el);
        if (s.display !== 'inline' && s.display !== 'contents') { blocked = true; break; }
        if (s.unicodeBidi === 'isolate' || s.unicodeBidi === 'plaintext') { blocked = true; break; }
      }
      if (!blocked && next.data.trim() !== '' && !next.data.includes('\\u202e')) {
        leaks.push(JSON.stringify(node.data.slice(0, 30)) + ' reorders ' + JSON.stringify(next.data.slice(0, 30)) + ' in <' + container.tagName.toLowerCase() + ' class="' + container.className + '">');
        break;
      }
    }
  }
  return leaks;
})()`;

async function watch(page: Page): Promise<string[]> {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.addInitScript({ content: WATCH_PAGE });
  return dialogs;
}

async function expectNothingRan(page: Page, dialogs: string[], where: string): Promise<void> {
  const { found, csp } = (await page.evaluate(FIND_EXECUTION)) as { found: string[]; csp: string[] };
  expect(found, `${where}: traces of executed payloads`).toEqual([]);
  expect(csp, `${where}: Content-Security-Policy violations`).toEqual([]);
  expect(dialogs, `${where}: dialogs opened`).toEqual([]);
  expect(await page.evaluate(FIND_RTL_LEAKS), `${where}: RTL overrides reordering other text`).toEqual([]);
}

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
});

test('the search page lists hostile services, operations and menu entries as text', async ({ page }) => {
  const dialogs = await watch(page);
  const response = await page.goto(`${tracelens.queryUrl}/search?service=${encodeURIComponent(SERVICE)}`);
  const csp = response?.headers()['content-security-policy'] ?? '';
  expect(csp).toMatch(/script-src 'self'( 'sha256-[^']+')+;/);
  expect(csp).not.toContain('unsafe-eval');

  // Option texts are read as they are: hasText does not match through markup-like or bidi text.
  const optionTexts = `[...document.querySelectorAll('option')].map((o) => o.textContent)`;
  await expect.poll(() => page.evaluate(optionTexts), { timeout: 20_000 }).toContain(SERVICE);
  expect(await page.evaluate(optionTexts)).toContain(RTL_SERVICE);
  const results = page.getByRole('list', { name: 'Traces' });
  await expect(results.getByText(OPERATION, { exact: false }).first()).toBeVisible({ timeout: 20_000 });
  await expectNothingRan(page, dialogs, 'search');

  // The menu from the UI config: labels as text; entries with javascript: URLs are left out.
  const links = page.getByRole('navigation', { name: 'Links' });
  await expect(links.getByRole('link', { name: payloads.img })).toHaveAttribute(
    'href',
    'https://example.com/docs',
  );
  await links.getByRole('button', { name: /^About/ }).click();
  await expect(links.getByRole('link', { name: payloads.script })).toBeVisible();
  await expect(links.getByRole('link')).toHaveCount(2);
  await expectNothingRan(page, dialogs, 'search with the config menu');
});

test('the trace page shows every hostile string as text, the 10 MB value included', async ({ page }) => {
  const dialogs = await watch(page);
  const trace = new TracePage(page);
  await trace.goto(tracelens.queryUrl, traceId);
  await trace.expectLoaded();
  await expect(trace.spanRows()).toHaveCount(2);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(payloads.script);

  await trace.row(OPERATION).click();
  await expect(trace.detailsPanel).toBeVisible();
  await page.evaluate(`document.querySelectorAll('details').forEach((d) => { d.open = true; })`);
  const details = trace.detailsPanel;
  await expect(details.getByText(payloads.jsUrl, { exact: true }).first()).toBeVisible();
  await expect(details.getByText(payloads.img, { exact: false }).first()).toBeVisible();
  await expect(details.getByText(payloads.svg, { exact: false }).first()).toBeVisible();
  await expect(details.getByText('https://example.com/', { exact: false }).first()).toBeVisible();
  await expectNothingRan(page, dialogs, 'trace details');

  // The 10 MB value: a preview first, then as much as is asked for, and the page keeps responding.
  await expect(details.getByText(/10,485,760 characters/)).toBeVisible();
  const showAll = details.getByRole('button', { name: /^Show all/ });
  await showAll.click();
  const started = Date.now();
  await trace.row(`charge ${payloads.rtl} card`).click();
  await expect(details.getByText(payloads.rtl, { exact: true }).first()).toBeVisible();
  expect(Date.now() - started, 'ms to show another span after expanding 10 MB').toBeLessThan(5_000);
  await trace.find('charge');
  await expect(trace.findStatus).toContainText('1');
  await expectNothingRan(page, dialogs, 'trace after the 10 MB value');
});

test('topology and monitor show hostile service names as text', async ({ page }) => {
  const dialogs = await watch(page);
  await page.goto(`${tracelens.queryUrl}/dependencies`);
  await expect(page.getByText('<b>shop</b>', { exact: false }).first()).toBeAttached({ timeout: 20_000 });
  await expectNothingRan(page, dialogs, 'topology');
  await page.goto(`${tracelens.queryUrl}/monitor`);
  await expect(page.getByText('<b>shop</b>', { exact: false }).first()).toBeAttached({ timeout: 20_000 });
  await expectNothingRan(page, dialogs, 'monitor');
});

/**
 * The policy allows no inline style (style-src 'self'): every page that draws charts or graphs
 * (scatter plot, each trace view, comparison, topology, monitor) must set its dynamic styles
 * through the CSSOM, never through <style> elements or style attributes in markup.
 */
test('every chart, graph and trace view renders under a CSP without inline styles', async ({ page }) => {
  test.setTimeout(120_000);
  const dialogs = await watch(page);
  const sent = await sendDispatchTrace(tracelens.otlpHttpUrl, 'protobuf', 'csp-');
  const visit = async (path: string, ready: () => Promise<void>, where: string) => {
    const response = await page.goto(`${tracelens.queryUrl}${path}`);
    expect(response?.headers()['content-security-policy']).toContain("style-src 'self';");
    await ready();
    // Charts settle after their data: give late renders (brushes, tooltips, layout) a moment.
    await page.waitForTimeout(500);
    await expectNothingRan(page, dialogs, where);
  };
  const svgs = (min: number) => async () => {
    await expect.poll(() => page.locator('svg').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(min);
  };

  await visit(
    '/search?service=csp-frontend&lookback=1h',
    async () => {
      await expect(page.getByRole('figure', { name: 'Traces by start time and duration' })).toBeVisible({
        timeout: 20_000,
      });
    },
    'search scatter plot',
  );
  // The built CSS applies: the page is not unstyled.
  expect(await page.evaluate(`getComputedStyle(document.body).fontFamily`)).not.toBe('');
  for (const view of ['timeline', 'statistics', 'spans', 'flame', 'graph', 'events', 'json']) {
    await visit(
      `/trace/${sent.traceId}?view=${view}`,
      async () => {
        await expect(page.getByRole('tab', { selected: true })).toHaveAttribute(
          'id',
          `trace-view-tab-${view}`,
          {
            timeout: 20_000,
          },
        );
        await expect(page.getByText(/^Opening the /)).toHaveCount(0, { timeout: 20_000 });
        await page.getByRole('tabpanel').locator('*').first().waitFor({ timeout: 20_000 });
      },
      `trace view ${view}`,
    );
  }
  await visit(`/trace/${sent.traceId}...${traceId}`, svgs(1), 'trace comparison');
  await visit(
    '/dependencies',
    async () => {
      // The graph, or the layout's own error: its layout is the topology specs' concern; the
      // shared graph renderer is already drawn above by the trace graph view.
      await expect(
        page
          .getByRole('group', { name: 'Service dependency graph' })
          .or(page.getByText('Could not lay out the graph')),
      ).toBeVisible({ timeout: 60_000 });
    },
    'topology',
  );
  await visit(
    '/monitor?service=csp-frontend&lookback=1h',
    async () => {
      await expect(page.locator('.recharts-surface').first()).toBeAttached({ timeout: 20_000 });
    },
    'monitor',
  );
});

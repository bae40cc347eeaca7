import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAllInOne } from '../allInOne';
import { startTestServer } from '../testing/testServer';
import { tracePageId } from './staticUi';

const INDEX = `<!doctype html><base href="/" /><script>
var DEFAULT_CONFIG = null; var JAEGER_CONFIG; window.JAEGER_CONFIG = JAEGER_CONFIG = DEFAULT_CONFIG;
var DEFAULT_BACKEND_CAPABILITIES = null; var JAEGER_BACKEND_CAPABILITIES;
window.JAEGER_BACKEND_CAPABILITIES = JAEGER_BACKEND_CAPABILITIES = DEFAULT_BACKEND_CAPABILITIES;
</script>`;

function uiDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tracelens-dist-'));
  mkdirSync(join(dir, 'static'));
  writeFileSync(join(dir, 'index.html'), INDEX);
  writeFileSync(join(dir, 'static', 'app-1234.js'), 'console.log("app")');
  return dir;
}

describe.each([
  ['at the root', ''],
  ['under a base path', '/jaeger'],
])('serving the UI %s', (_name, basePath) => {
  let app: RunningAllInOne;
  const uiConfigFile = join(mkdtempSync(join(tmpdir(), 'tracelens-uiconfig-')), 'ui.json');
  writeFileSync(
    uiConfigFile,
    JSON.stringify({ menu: [{ label: '</script><b>x', url: 'https://example.com' }] }),
  );
  beforeAll(async () => {
    app = await startTestServer({ uiDir: uiDir(), basePath, uiConfig: uiConfigFile });
  });
  afterAll(() => app.close());

  it('answers every app route with index.html carrying the UI config and capabilities', async () => {
    for (const route of ['/', '/search', '/trace/abc', '/dependencies', '/some/deep/link']) {
      const res = await fetch(`${app.urls.query}${route}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const html = await res.text();
      expect(html).toContain(
        'JAEGER_CONFIG = {"menu":[{"label":"\\u003c/script>\\u003cb>x","url":"https://example.com"}]};',
      );
      expect(html).toContain(
        'JAEGER_BACKEND_CAPABILITIES = {"archiveStorage":true,"metricsStorage":true,"aiAssistant":false};',
      );
      expect(html).toContain(`<base href="${basePath}/"`);
    }
  });

  it('serves hashed assets with a long cache lifetime, and 404 for missing ones', async () => {
    const res = await fetch(`${app.urls.query}/static/app-1234.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect(await res.text()).toBe('console.log("app")');
    // Kept in memory once read: the same bytes again, and a HEAD with their length and no body.
    expect(await (await fetch(`${app.urls.query}/static/app-1234.js`)).text()).toBe('console.log("app")');
    const head = await fetch(`${app.urls.query}/static/app-1234.js`, { method: 'HEAD' });
    expect(head.headers.get('content-length')).toBe(String('console.log("app")'.length));
    expect(await head.text()).toBe('');
    expect((await fetch(`${app.urls.query}/static/missing.js`)).status).toBe(404);
  });

  it('never serves files outside the build directory', async () => {
    const res = await fetch(`${app.urls.query}/static/..%2f..%2f..%2fetc%2fpasswd`);
    expect(await res.text()).not.toContain('root:');
  });

  it('keeps the API under the same prefix', async () => {
    expect((await fetch(`${app.urls.query}/api/services`)).status).toBe(200);
  });
});

describe('a base path', () => {
  it('is the only prefix served', async () => {
    const app = await startTestServer({ uiDir: uiDir(), basePath: '/jaeger' });
    try {
      const root = new URL(app.urls.query).origin;
      expect((await fetch(`${root}/api/services`)).status).toBe(404);
      expect((await fetch(`${root}/jaeger/api/services`)).status).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('the trace page path, whose columns the all-in-one starts encoding as it serves the page', () => {
  it('is /trace/{hex id}, as in Jaeger UI', () => {
    expect(tracePageId('/trace/4bf92f3577b34da6a3ce929d0e0e4736')).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(tracePageId('/trace/ABC123/')).toBe('ABC123');
  });

  it('is no other page: a comparison, a search, a path with more after the ID', () => {
    for (const path of [
      '/trace/abc...def',
      '/search',
      '/trace/',
      '/trace/abc/x',
      '/trace/xyz',
      '/static/trace/abc',
    ])
      expect(tracePageId(path)).toBeNull();
  });
});

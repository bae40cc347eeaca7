/** The inline scripts of index.html, run against fake locations: they execute before any module. */
import { describe, expect, it } from 'vitest';
import indexHtml from '../../index.html?raw';

const inlineScripts = [...indexHtml.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);

function scriptContaining(marker: string): string {
  const script = inlineScripts.find((s) => s.includes(marker));
  if (!script) throw new Error(`index.html has no inline script with ${marker}`);
  return script;
}

function baseHrefFor(pathname: string, servedHref = '/'): string {
  let href = servedHref;
  const baseElement = {
    getAttribute: () => href,
    setAttribute: (_name: string, value: string) => (href = value),
  };
  const fakeDocument = { querySelector: () => baseElement };
  new Function('window', 'document', scriptContaining("querySelector('base')"))(
    { location: { pathname } },
    fakeDocument,
  );
  return href;
}

describe('index.html base path detection', () => {
  it.each([
    ['/', '/'],
    ['/search', '/'],
    ['/trace/4bf92f35', '/'],
    ['/dependencies', '/'],
    ['/jaeger/', '/jaeger/'],
    ['/jaeger/search', '/jaeger/'],
    ['/jaeger/trace/abc', '/jaeger/'],
    ['/a/b/monitor', '/a/b/'],
    ['/tools/jaeger/compare', '/tools/jaeger/'],
    ['/searchlight/search', '/searchlight/'],
    ['/jaeger', '/'],
    ['/no/such/page', '/no/such/'],
  ])('%s is served from base %s', (pathname, base) => {
    expect(baseHrefFor(pathname)).toBe(base);
  });

  it('keeps a base the server rewrote when the path names no route', () => {
    expect(baseHrefFor('/jaeger/no/such/page', '/jaeger/')).toBe('/jaeger/');
    expect(baseHrefFor('/jaeger/search', '/jaeger/')).toBe('/jaeger/');
    // A route in the path wins over a stale server setting.
    expect(baseHrefFor('/other/search', '/jaeger/')).toBe('/other/');
  });
});

describe('index.html injected configuration', () => {
  const script = scriptContaining('DEFAULT_CONFIG');

  function run(source: string): { JAEGER_CONFIG?: unknown; JAEGER_BACKEND_CAPABILITIES?: unknown } {
    const fakeWindow = {};
    new Function('window', source)(fakeWindow);
    return fakeWindow;
  }

  it('defaults both globals to null', () => {
    expect(run(script)).toEqual({ JAEGER_CONFIG: null, JAEGER_BACKEND_CAPABILITIES: null });
  });

  it("accepts the JSON that Jaeger's query service substitutes", () => {
    const served = script
      .replace(/JAEGER_CONFIG *= *DEFAULT_CONFIG;/, 'JAEGER_CONFIG = {"menu":[]};')
      .replace(
        /JAEGER_BACKEND_CAPABILITIES *= *DEFAULT_BACKEND_CAPABILITIES;/,
        'JAEGER_BACKEND_CAPABILITIES = {"metricsStorage":true};',
      );
    expect(served).not.toBe(script);
    expect(run(served)).toEqual({
      JAEGER_CONFIG: { menu: [] },
      JAEGER_BACKEND_CAPABILITIES: { metricsStorage: true },
    });
  });
});

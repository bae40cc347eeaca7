/**
 * index.html as a Jaeger query service serves it: its static handler's substitutions (regexes
 * copied from jaeger's static_handler.go) applied to our page, for a `.json` and a `.js` UI
 * config file, then the page's script run and read back the way the app reads it.
 */
import { describe, expect, it } from 'vitest';
import indexHtml from '../../../index.html?raw';
import { readBackendCapabilities, readRawUiConfig } from './runtimeConfig';
import { parseUiConfig } from './uiConfig';

const configPattern = /JAEGER_CONFIG *= *DEFAULT_CONFIG;/g;
const configJsPattern = /^\s*\/\/\s*JAEGER_CONFIG_JS.*\n.*/gim;
const capabilitiesPattern = /JAEGER_BACKEND_CAPABILITIES *= *DEFAULT_BACKEND_CAPABILITIES;/g;

function configScript(html: string): string {
  const script = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)]
    .map((m) => m[1])
    .find((s) => s.includes('DEFAULT_CONFIG'));
  if (!script) throw new Error('index.html has no config script');
  return script;
}

/** Runs the config script with a stand-in window; a top-level function declaration lands on it too. */
function run(html: string): Pick<Window, 'JAEGER_CONFIG' | 'JAEGER_BACKEND_CAPABILITIES' | 'UIConfig'> {
  const win: Record<string, unknown> = {};
  const script = configScript(html);
  const declared = new Function(
    'window',
    `${script}\nreturn typeof UIConfig === 'function' ? UIConfig : undefined;`,
  )(win) as unknown;
  if (declared) win.UIConfig = declared;
  return win;
}

const capabilities = '{"archiveStorage":true,"metricsStorage":false,"aiAssistant":false}';

describe('served by a Jaeger query service', () => {
  it('reads a .json config and the capabilities', () => {
    const config = {
      menu: [{ label: 'Runbooks', url: 'https://wiki.example.com/' }],
      traceIdDisplayLength: 9,
    };
    const html = indexHtml
      .replace(configPattern, `JAEGER_CONFIG = ${JSON.stringify(config)};`)
      .replace(capabilitiesPattern, `JAEGER_BACKEND_CAPABILITIES = ${capabilities};`);
    const win = run(html);
    expect(readRawUiConfig(win)).toEqual(config);
    expect(readBackendCapabilities(win)).toEqual(JSON.parse(capabilities));
    expect(parseUiConfig(readRawUiConfig(win), 'http://localhost/').config.traceIdDisplayLength).toBe(9);
  });

  it('reads a .js config, whose UIConfig() wins', () => {
    const js = 'function UIConfig() {\n  return { archiveEnabled: false, search: { maxLimit: 50 } };\n}';
    const html = indexHtml.replace(configJsPattern, js);
    expect(html).not.toContain('JAEGER_CONFIG_JS');
    const win = run(html);
    expect(typeof win.UIConfig).toBe('function');
    const parsed = parseUiConfig(readRawUiConfig(win), 'http://localhost/');
    expect(parsed.problems).toEqual([]);
    expect(parsed.config.archiveEnabled).toBe(false);
    expect(parsed.config.search.maxLimit).toBe(50);
  });

  it('runs unchanged when nothing was substituted (a plain static host)', () => {
    const win = run(indexHtml);
    expect(readRawUiConfig(win)).toBeNull();
    expect(readBackendCapabilities(win)).toBeNull();
  });
});

import { describe, expect, it, vi } from 'vitest';
import { readRawUiConfig, setUiConfig, uiConfig } from './runtimeConfig';
import exampleConfig from './testdata/jaeger-ui.config.example.json?raw';
import { DEFAULT_UI_CONFIG, isMenuGroup, parseUiConfig, reportUiConfigProblems } from './uiConfig';

const BASE = 'https://tracing.example.com/jaeger/';

describe('UI config', () => {
  it('is the defaults when nothing was injected', () => {
    expect(parseUiConfig(null, BASE)).toEqual({ config: DEFAULT_UI_CONFIG, unknownKeys: [], problems: [] });
  });

  it("reads Jaeger UI's example config without complaint", () => {
    const { config, unknownKeys, problems } = parseUiConfig(JSON.parse(exampleConfig), BASE);
    expect(unknownKeys).toEqual([]);
    expect(problems).toEqual([]);
    expect(config.dependencies.menuEnabled).toBe(true);
    expect(config.monitor.menuEnabled).toBe(true);
    expect(config.themes.enabled).toBe(true);
    expect(config.linkPatterns).toHaveLength(1);
    expect([...config.linkPatterns[0].targets]).toEqual(['resource']);
  });

  it('reads every supported setting', () => {
    const { config, problems } = parseUiConfig(
      {
        menu: [
          { label: 'Runbooks', url: 'https://wiki.example.com/runbooks' },
          {
            label: 'About',
            items: [
              { label: 'Docs', url: 'https://docs.example.com', anchorTarget: '_self' },
              { label: 'Status', url: '/status' },
            ],
          },
        ],
        search: { maxLookback: { label: '6 hours', value: '6h' }, maxLimit: 200, defaultLookback: '15m' },
        dependencies: { menuEnabled: false, dagMaxNumServices: 80 },
        monitor: { menuEnabled: false, docsLink: 'https://docs.example.com/spm' },
        archiveEnabled: false,
        criticalPathEnabled: false,
        themes: { enabled: false },
        traceIdDisplayLength: 12,
        topTagPrefixes: ['http.', 'db.'],
        disableJsonView: true,
        disableFileUploadControl: true,
        forbidNewPage: true,
      },
      BASE,
    );
    expect(problems).toEqual([]);
    expect(config.menu).toEqual([
      { label: 'Runbooks', url: 'https://wiki.example.com/runbooks', anchorTarget: '_blank' },
      {
        label: 'About',
        items: [
          { label: 'Docs', url: 'https://docs.example.com/', anchorTarget: '_self' },
          { label: 'Status', url: 'https://tracing.example.com/status', anchorTarget: '_blank' },
        ],
      },
    ]);
    expect(isMenuGroup(config.menu[1])).toBe(true);
    expect(config.search).toEqual({
      maxLookback: { label: '6 hours', value: '6h' },
      maxLimit: 200,
      defaultLookback: '15m',
    });
    expect(config.dependencies).toEqual({ menuEnabled: false });
    expect(config.monitor).toEqual({ menuEnabled: false });
    expect(config).toMatchObject({
      archiveEnabled: false,
      criticalPathEnabled: false,
      themes: { enabled: false },
      traceIdDisplayLength: 12,
      topTagPrefixes: ['http.', 'db.'],
      disableJsonView: true,
      disableFileUploadControl: true,
      forbidNewPage: true,
    });
  });

  it('lists unknown keys, at any depth, and accepts Jaeger-only ones quietly', () => {
    const { unknownKeys, problems } = parseUiConfig(
      {
        tracking: { gaID: 'UA-1' },
        traceTimeline: { enableSidePanel: true },
        useOpenTelemetryTerms: true,
        colour: 'blue',
        search: { maxLimt: 10 },
        monitor: { emptyState: {} },
      },
      BASE,
    );
    expect(unknownKeys).toEqual(['colour', 'search.maxLimt']);
    expect(problems).toEqual([]);
  });

  it('falls back to the default for each value of the wrong shape, saying why', () => {
    const { config, problems } = parseUiConfig(
      {
        archiveEnabled: 'yes',
        traceIdDisplayLength: 0,
        search: { maxLimit: -5, maxLookback: { label: '1 eon', value: '1eon' }, defaultLookback: '3d' },
        themes: [],
        topTagPrefixes: ['http.', 3],
        menu: [{ label: 'Evil', url: 'javascript:alert(1)' }, 'nope', { label: 'Group', items: [] }],
        linkPatterns: [{ type: 'tags', key: 'a', url: 'https://x/#{a}', text: 'x' }, { type: 'nope' }],
      },
      BASE,
    );
    expect(config).toMatchObject({
      archiveEnabled: true,
      traceIdDisplayLength: 32,
      search: DEFAULT_UI_CONFIG.search,
      themes: { enabled: true },
      topTagPrefixes: [],
      menu: [],
    });
    expect(config.linkPatterns).toHaveLength(1);
    expect(problems).toEqual([
      'themes: expected an object, got an array; using the default',
      'topTagPrefixes: expected a list of strings, got an array; using the default',
      'menu[0].url: expected an http or https URL, got "javascript:alert(1)"; using the default',
      'menu[1]: expected an object with label and url, or label and items, got "nope"; using the default',
      'linkPatterns[1].type: expected one of attributes, tags, resource, process, events, logs, traces, got "nope"; using the default',
      'search.maxLookback: expected { "label": "2 days", "value": "2d" }, got an object; using the default',
      'search.maxLimit: expected a whole number from 1 to 100000, got -5; using the default',
      'search.defaultLookback: expected a lookback such as "1h", at most 2d, got "3d"; using the default',
      'archiveEnabled: expected true or false, got "yes"; using the default',
      'traceIdDisplayLength: expected a whole number from 1 to 32, got 0; using the default',
    ]);
  });

  it('keeps the deprecated dependenciesMenuEnabled, which the nested key overrides', () => {
    expect(parseUiConfig({ dependenciesMenuEnabled: false }, BASE).config.dependencies.menuEnabled).toBe(
      false,
    );
    expect(
      parseUiConfig({ dependenciesMenuEnabled: false, dependencies: { menuEnabled: true } }, BASE).config
        .dependencies.menuEnabled,
    ).toBe(true);
  });

  it('refuses a config that is not an object', () => {
    const parsed = parseUiConfig([1, 2], BASE);
    expect(parsed.config).toBe(DEFAULT_UI_CONFIG);
    expect(parsed.problems).toEqual([
      'the UI configuration: expected a JSON object, got an array; using the default',
    ]);
  });

  it('warns once for all unknown keys and once per ignored value', () => {
    const warn = vi.fn();
    reportUiConfigProblems(
      parseUiConfig({ a: 1, b: 2, archiveEnabled: 1, criticalPathEnabled: 'no' }, BASE),
      warn,
    );
    expect(warn.mock.calls.map(([m]) => m)).toEqual([
      'Tracelens UI config: ignoring unknown keys a, b',
      'Tracelens UI config: archiveEnabled: expected true or false, got 1; using the default',
      'Tracelens UI config: criticalPathEnabled: expected true or false, got "no"; using the default',
    ]);
  });
});

describe('the injected config', () => {
  it('prefers the UIConfig() function of a .js config file over JAEGER_CONFIG', () => {
    expect(readRawUiConfig({ JAEGER_CONFIG: { a: 1 }, UIConfig: () => ({ b: 2 }) })).toEqual({ b: 2 });
    expect(readRawUiConfig({ JAEGER_CONFIG: { a: 1 } })).toEqual({ a: 1 });
    expect(readRawUiConfig({ JAEGER_CONFIG: undefined })).toBeNull();
  });

  it('survives a UIConfig() that throws', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(
      readRawUiConfig({
        UIConfig: () => {
          throw new Error('boom');
        },
      }),
    ).toBeNull();
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
  });

  it('is validated once per page load and reported once', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    window.JAEGER_CONFIG = { traceIdDisplayLength: 10, bogus: true };
    setUiConfig(null);
    try {
      expect(uiConfig().traceIdDisplayLength).toBe(10);
      expect(uiConfig()).toBe(uiConfig());
      expect(warn).toHaveBeenCalledOnce();
    } finally {
      window.JAEGER_CONFIG = undefined;
      setUiConfig(null);
      warn.mockRestore();
    }
  });
});

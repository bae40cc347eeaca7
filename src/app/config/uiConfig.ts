/**
 * Jaeger UI's configuration file (ui-config.json, or the UIConfig() of a .js config), read in one
 * place so that a file written for Jaeger UI works here unchanged. Keys Jaeger UI knows but
 * Tracelens does not act on are accepted quietly; other keys are reported once; a value of the
 * wrong shape is reported and its default used. See docs/embedding.md for what each key does.
 */
import { parseLookbackUs } from '../api/lookback';
import { ConfigReader, isRecord, type JsonRecord } from './configReader';
import { parseLinkPattern, safeLinkUrl, type LinkPattern } from './linkPatterns';

export type AnchorTarget = '_self' | '_blank' | '_parent' | '_top';

export interface MenuLink {
  readonly label: string;
  /** Absolute http(s) URL. */
  readonly url: string;
  readonly anchorTarget: AnchorTarget;
}

export interface MenuGroup {
  readonly label: string;
  readonly items: readonly MenuLink[];
}

export type MenuEntry = MenuLink | MenuGroup;

export function isMenuGroup(entry: MenuEntry): entry is MenuGroup {
  return 'items' in entry;
}

export interface UiConfig {
  readonly menu: readonly MenuEntry[];
  readonly linkPatterns: readonly LinkPattern[];
  readonly search: {
    /** The longest lookback offered, e.g. `{ label: '2 days', value: '2d' }`. */
    readonly maxLookback: { readonly label: string; readonly value: string };
    readonly maxLimit: number;
    readonly defaultLookback: string;
  };
  readonly dependencies: { readonly menuEnabled: boolean };
  readonly monitor: { readonly menuEnabled: boolean };
  readonly archiveEnabled: boolean;
  readonly criticalPathEnabled: boolean;
  readonly themes: { readonly enabled: boolean };
  /** Digits of a trace ID shown in the trace header; null shows all of it (Tracelens's default). */
  readonly traceIdDisplayLength: number | null;
  readonly topTagPrefixes: readonly string[];
  readonly disableJsonView: boolean;
  readonly disableFileUploadControl: boolean;
  /** Every link opens in the same tab. */
  readonly forbidNewPage: boolean;
}

export const DEFAULT_UI_CONFIG: UiConfig = {
  menu: [],
  linkPatterns: [],
  search: { maxLookback: { label: '2 days', value: '2d' }, maxLimit: 1500, defaultLookback: '1h' },
  dependencies: { menuEnabled: true },
  monitor: { menuEnabled: true },
  archiveEnabled: true,
  criticalPathEnabled: true,
  themes: { enabled: true },
  traceIdDisplayLength: null,
  topTagPrefixes: [],
  disableJsonView: false,
  disableFileUploadControl: false,
  forbidNewPage: false,
};

/** Every top-level key of Jaeger UI's Config type (types/config.ts), plus its deprecated ones. */
const JAEGER_KEYS = new Set([
  'archiveEnabled',
  'backendCapabilities',
  'criticalPathEnabled',
  'deepDependencies',
  'dependencies',
  'dependenciesMenuEnabled',
  'disableFileUploadControl',
  'disableJsonView',
  'forbidNewPage',
  'gaTrackingID',
  'linkPatterns',
  'menu',
  'monitor',
  'pathAgnosticDecorations',
  'qualityMetrics',
  'scripts',
  'search',
  'storageCapabilities',
  'themes',
  'topTagPrefixes',
  'traceDiff',
  'traceGraph',
  'traceIdDisplayLength',
  'traceTimeline',
  'tracing',
  'tracking',
  'useOpenTelemetryTerms',
]);
const SEARCH_KEYS = new Set(['maxLookback', 'maxLimit', 'defaultLookback', 'adjustEndTime']);
const DEPENDENCIES_KEYS = new Set(['menuEnabled', 'dagMaxNumServices']);
const MONITOR_KEYS = new Set(['menuEnabled', 'emptyState', 'docsLink']);
const THEMES_KEYS = new Set(['enabled']);
const ANCHOR_TARGETS = new Set<string>(['_self', '_blank', '_parent', '_top']);

export interface ParsedUiConfig {
  config: UiConfig;
  /** Keys neither Jaeger UI nor Tracelens knows, with their path (`search.maxLimt`). */
  unknownKeys: string[];
  /** Values that were ignored, and why. */
  problems: string[];
}

function readMenuLink(raw: JsonRecord, path: string, r: ConfigReader, baseURI: string): MenuLink | null {
  const label = r.string(raw, 'label', `${path}.label`);
  const rawUrl = r.string(raw, 'url', `${path}.url`);
  const url = rawUrl === undefined ? null : safeLinkUrl(rawUrl, baseURI);
  if (rawUrl !== undefined && url === null) r.invalid(`${path}.url`, rawUrl, 'an http or https URL');
  const target = raw.anchorTarget;
  if (target !== undefined && !(typeof target === 'string' && ANCHOR_TARGETS.has(target))) {
    r.invalid(`${path}.anchorTarget`, target, 'one of _self, _blank, _parent, _top');
  }
  if (label === undefined || url === null) return null;
  const anchorTarget =
    typeof target === 'string' && ANCHOR_TARGETS.has(target) ? (target as AnchorTarget) : '_blank';
  return { label, url, anchorTarget };
}

function readMenu(raw: JsonRecord, r: ConfigReader, baseURI: string): MenuEntry[] {
  const list = r.array(raw, 'menu');
  if (!list) return [];
  const entries: MenuEntry[] = [];
  list.forEach((item, i) => {
    const path = `menu[${i}]`;
    if (!isRecord(item)) return r.invalid(path, item, 'an object with label and url, or label and items');
    if (item.items === undefined) {
      const link = readMenuLink(item, path, r, baseURI);
      if (link) entries.push(link);
      return;
    }
    const label = r.string(item, 'label', `${path}.label`);
    const items = (r.array(item, 'items', `${path}.items`) ?? []).flatMap((sub, j) =>
      isRecord(sub)
        ? (readMenuLink(sub, `${path}.items[${j}]`, r, baseURI) ?? [])
        : (r.invalid(`${path}.items[${j}]`, sub, 'an object with label and url'), []),
    );
    if (label !== undefined && items.length > 0) entries.push({ label, items });
  });
  return entries;
}

function readSearch(raw: JsonRecord, r: ConfigReader): UiConfig['search'] {
  const fallback = DEFAULT_UI_CONFIG.search;
  const search = r.section(raw, 'search');
  r.checkKeys(search, SEARCH_KEYS, 'search.');
  let maxLookback = fallback.maxLookback;
  const rawMax = search.maxLookback;
  if (rawMax !== undefined) {
    const ok =
      isRecord(rawMax) &&
      typeof rawMax.label === 'string' &&
      typeof rawMax.value === 'string' &&
      parseLookbackUs(rawMax.value) !== null;
    if (ok) maxLookback = { label: rawMax.label as string, value: rawMax.value as string };
    else r.invalid('search.maxLookback', rawMax, '{ "label": "2 days", "value": "2d" }');
  }
  const maxLimit = r.integer(search, 'maxLimit', fallback.maxLimit, 1, 100_000, 'search.maxLimit');
  let defaultLookback = fallback.defaultLookback;
  const rawDefault = r.string(search, 'defaultLookback', 'search.defaultLookback');
  if (rawDefault !== undefined) {
    const us = parseLookbackUs(rawDefault);
    const limitUs = parseLookbackUs(maxLookback.value) ?? Infinity;
    if (us !== null && us <= limitUs) defaultLookback = rawDefault;
    else
      r.invalid(
        'search.defaultLookback',
        rawDefault,
        `a lookback such as "1h", at most ${maxLookback.value}`,
      );
  }
  return { maxLookback, maxLimit, defaultLookback };
}

export function parseUiConfig(raw: unknown, baseURI: string = document.baseURI): ParsedUiConfig {
  const r = new ConfigReader();
  if (raw === null || raw === undefined) return { config: DEFAULT_UI_CONFIG, unknownKeys: [], problems: [] };
  if (!isRecord(raw)) {
    r.invalid('the UI configuration', raw, 'a JSON object');
    return { config: DEFAULT_UI_CONFIG, unknownKeys: [], problems: r.problems };
  }
  const d = DEFAULT_UI_CONFIG;
  r.checkKeys(raw, JAEGER_KEYS);

  const dependencies = r.section(raw, 'dependencies');
  r.checkKeys(dependencies, DEPENDENCIES_KEYS, 'dependencies.');
  // The deprecated top-level flag still counts, as in Jaeger UI; the nested one wins.
  const legacyMenu = r.boolean(raw, 'dependenciesMenuEnabled', d.dependencies.menuEnabled);
  const monitor = r.section(raw, 'monitor');
  r.checkKeys(monitor, MONITOR_KEYS, 'monitor.');
  const themes = r.section(raw, 'themes');
  r.checkKeys(themes, THEMES_KEYS, 'themes.');

  const topTagPrefixes = r.array(raw, 'topTagPrefixes');
  if (topTagPrefixes && !topTagPrefixes.every((p) => typeof p === 'string')) {
    r.invalid('topTagPrefixes', topTagPrefixes, 'a list of strings');
  }

  const config: UiConfig = {
    menu: readMenu(raw, r, baseURI),
    linkPatterns: (r.array(raw, 'linkPatterns') ?? []).flatMap(
      (p, i) => parseLinkPattern(p, `linkPatterns[${i}]`, r) ?? [],
    ),
    search: readSearch(raw, r),
    dependencies: {
      menuEnabled: r.boolean(dependencies, 'menuEnabled', legacyMenu, 'dependencies.menuEnabled'),
    },
    monitor: {
      menuEnabled: r.boolean(monitor, 'menuEnabled', d.monitor.menuEnabled, 'monitor.menuEnabled'),
    },
    archiveEnabled: r.boolean(raw, 'archiveEnabled', d.archiveEnabled),
    criticalPathEnabled: r.boolean(raw, 'criticalPathEnabled', d.criticalPathEnabled),
    themes: { enabled: r.boolean(themes, 'enabled', d.themes.enabled, 'themes.enabled') },
    traceIdDisplayLength:
      raw.traceIdDisplayLength === undefined ? null : r.integer(raw, 'traceIdDisplayLength', 32, 1, 32),
    topTagPrefixes:
      topTagPrefixes && topTagPrefixes.every((p) => typeof p === 'string')
        ? (topTagPrefixes as string[])
        : d.topTagPrefixes,
    disableJsonView: r.boolean(raw, 'disableJsonView', d.disableJsonView),
    disableFileUploadControl: r.boolean(raw, 'disableFileUploadControl', d.disableFileUploadControl),
    forbidNewPage: r.boolean(raw, 'forbidNewPage', d.forbidNewPage),
  };
  return { config, unknownKeys: r.unknownKeys, problems: r.problems };
}

/** One warning for all unknown keys, one per ignored value: enough to fix the file, no more. */
export function reportUiConfigProblems(
  parsed: ParsedUiConfig,
  warn: (message: string) => void = (m) => console.warn(m),
): void {
  if (parsed.unknownKeys.length > 0) {
    warn(`Tracelens UI config: ignoring unknown keys ${parsed.unknownKeys.join(', ')}`);
  }
  for (const problem of parsed.problems) warn(`Tracelens UI config: ${problem}`);
}

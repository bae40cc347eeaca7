/**
 * Jaeger UI's embedded mode, for showing a view inside another page (an iframe): `uiEmbed=v0` in
 * the URL, plus `uiSearchHideGraph`, `uiTimelineCollapseTitle`, `uiTimelineHideMinimap`,
 * `uiTimelineHideSummary` (each `1`) and `uiTheme=light|dark`. Read once per page load, as Jaeger
 * UI does, so navigating inside the embedded app keeps the mode.
 */
import type { Theme } from '../theme/themeStore';

export interface EmbedOptions {
  readonly embedded: boolean;
  readonly searchHideGraph: boolean;
  /** The trace page starts with its header collapsed to the title row. */
  readonly timelineCollapseTitle: boolean;
  readonly timelineHideMinimap: boolean;
  readonly timelineHideSummary: boolean;
  /** Forced by the embedding page; null keeps the reader's own theme. */
  readonly theme: Theme | null;
}

export const NOT_EMBEDDED: EmbedOptions = {
  embedded: false,
  searchHideGraph: false,
  timelineCollapseTitle: false,
  timelineHideMinimap: false,
  timelineHideSummary: false,
  theme: null,
};

/** Every parameter of embedded mode, so a link out of it can drop them. */
export const EMBED_PARAMS = [
  'uiEmbed',
  'uiSearchHideGraph',
  'uiTimelineCollapseTitle',
  'uiTimelineHideMinimap',
  'uiTimelineHideSummary',
  'uiTheme',
] as const;

const on = (params: URLSearchParams, name: string) => {
  const value = params.get(name);
  return value === '1' || value === 'true';
};

export function parseEmbedOptions(search: string): EmbedOptions {
  const params = new URLSearchParams(search);
  if (params.get('uiEmbed') !== 'v0') return NOT_EMBEDDED;
  const theme = params.get('uiTheme');
  return {
    embedded: true,
    searchHideGraph: on(params, 'uiSearchHideGraph'),
    timelineCollapseTitle: on(params, 'uiTimelineCollapseTitle'),
    timelineHideMinimap: on(params, 'uiTimelineHideMinimap'),
    timelineHideSummary: on(params, 'uiTimelineHideSummary'),
    theme: theme === 'light' || theme === 'dark' ? theme : null,
  };
}

let current: EmbedOptions | null = null;

/** This page load's embedded mode (read from the URL it was opened with). */
export function embedOptions(): EmbedOptions {
  current ??= typeof window === 'undefined' ? NOT_EMBEDDED : parseEmbedOptions(window.location.search);
  return current;
}

/** Sets the mode (start-up, tests); null reads the URL again on next use. */
export function setEmbedOptions(options: EmbedOptions | null): void {
  current = options;
}

/** The same view outside embedded mode, for an "open in Tracelens" link. */
export function standaloneUrl(href: string): string {
  const url = new URL(href);
  for (const name of EMBED_PARAMS) url.searchParams.delete(name);
  return url.href;
}

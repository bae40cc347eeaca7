import { describe, expect, it } from 'vitest';
import { NOT_EMBEDDED, parseEmbedOptions, standaloneUrl } from './embedded';

describe("Jaeger UI's embedded mode", () => {
  it('needs uiEmbed=v0; the other parameters mean nothing without it', () => {
    expect(parseEmbedOptions('')).toBe(NOT_EMBEDDED);
    expect(parseEmbedOptions('?uiEmbed=v1&uiTimelineHideMinimap=1')).toBe(NOT_EMBEDDED);
    expect(parseEmbedOptions('?uiTimelineHideMinimap=1&uiTheme=dark')).toBe(NOT_EMBEDDED);
    expect(parseEmbedOptions('?uiEmbed=v0')).toEqual({ ...NOT_EMBEDDED, embedded: true });
  });

  it('reads every option Jaeger UI defines', () => {
    expect(
      parseEmbedOptions(
        '?uiEmbed=v0&uiSearchHideGraph=1&uiTimelineCollapseTitle=1&uiTimelineHideMinimap=true&uiTimelineHideSummary=1&uiTheme=dark',
      ),
    ).toEqual({
      embedded: true,
      searchHideGraph: true,
      timelineCollapseTitle: true,
      timelineHideMinimap: true,
      timelineHideSummary: true,
      theme: 'dark',
    });
    expect(parseEmbedOptions('?uiEmbed=v0&uiTimelineHideMinimap=0&uiTheme=neon')).toMatchObject({
      timelineHideMinimap: false,
      theme: null,
    });
  });

  it('links out of embedded mode to the same view, keeping its own parameters', () => {
    expect(
      standaloneUrl(
        'https://x.example/jaeger/trace/abc?uiEmbed=v0&uiFind=f00&uiTimelineHideMinimap=1&uiTheme=dark',
      ),
    ).toBe('https://x.example/jaeger/trace/abc?uiFind=f00');
  });
});

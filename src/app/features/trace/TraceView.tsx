import { useCallback, useEffect, useRef, useState } from 'react';
import { embedOptions } from '../../config/embedded';
import { useSearchParams } from 'react-router';
import type { TraceHandle } from '../../workers/traceClient';
import { spanIdOfRow } from '../../workers/traceModel';
import { SidePanel } from './details/SidePanel';
import { SpanDetailsPane } from './details/SpanDetailsPane';
import { FindBar } from './find/FindBar';
import { SpansStatus } from './loading/SpansStatus';
import { useFindInTrace } from './find/useFindInTrace';
import { useServiceFilterParam } from './find/useServiceFilterParam';
import { InsightsPanel } from './insights/InsightsPanel';
import { KeyboardHelp } from './keyboard/KeyboardHelp';
import { useTraceShortcuts } from './keyboard/useTraceShortcuts';
import { Minimap } from './minimap/Minimap';
import { createTraceViewStore, TraceViewContext, useTraceView } from './state/traceViewStore';
import { useTraceLayout } from './traceLayoutPrefs';
import { TraceHeader } from './TraceHeader';
import { TraceViewSettings } from './TraceViewSettings';
import { SPAN_PARAM, useSelectedSpan } from './useSelectedSpan';
import { traceViewById } from './views/traceViews';
import { useTraceViewParam, VIEW_PARAM } from './views/useTraceViewParam';
import { TraceViewPanel } from './views/TraceViewPanel';
import { ViewSwitcher } from './views/ViewSwitcher';
import { Waterfall } from './Waterfall';
import { WaterfallToolbar } from './WaterfallToolbar';
import './trace.css';
import './toolbar.css';
import './waterfall.css';
import './details/details.css';
import './views/viewSwitcher.css';

/** A loaded trace: header, overview, toolbar, waterfall and span details. */
export function TraceView({ handle }: { handle: TraceHandle }) {
  const [store] = useState(() => createTraceViewStore(handle));
  return (
    <TraceViewContext.Provider value={store}>
      <TraceViewLayout />
    </TraceViewContext.Provider>
  );
}

function TraceViewLayout() {
  const skeleton = useTraceView((s) => s.skeleton);
  const handle = useTraceView((s) => s.handle);
  const revealRow = useTraceView((s) => s.revealRow);
  const detailsMode = useTraceLayout((s) => s.detailsMode);
  const [selectedRow, select] = useSelectedSpan(skeleton);
  const [helpOpen, setHelpOpen] = useState(false);
  // Jaeger UI's embedded mode (uiEmbed=v0) may start with a slim header and hide the minimap.
  const embed = embedOptions();
  const [slim, setSlim] = useState(embed.timelineCollapseTitle);
  const findInput = useRef<HTMLInputElement>(null);
  const find = useFindInTrace(select, findInput);
  useServiceFilterParam();
  const [chosenView, setView] = useTraceViewParam();
  // Embedded, the page is the waterfall alone: no view switcher, insights strip or settings.
  const view = embed.embedded ? traceViewById(null) : chosenView;

  const openRow = useCallback(
    (row: number) => {
      select(row);
      revealRow(row);
    },
    [select, revealRow],
  );
  // A span named in the URL on arrival (a shared link, or Back from another trace) is brought
  // into view, unfolding its ancestors.
  const arrivedWith = useRef(selectedRow);
  useEffect(() => {
    if (arrivedWith.current !== null) revealRow(arrivedWith.current, false);
  }, [revealRow]);
  const clearFilters = useTraceView((s) => s.clearFilters);
  useTraceShortcuts({
    focusFind: find.focus,
    openHelp: () => setHelpOpen(true),
    stepMatch: find.step,
    closeDetails: () => select(null),
    clearFind: () => {
      if (!find.input) return false;
      find.commit('');
      return true;
    },
  });

  // One URL update for both the view and the span: two setSearchParams calls in one event
  // each start from the same params, so the second would undo the first.
  const [, setParams] = useSearchParams();
  const openInTimeline = useCallback(
    (row: number) => {
      setParams((prev) => {
        const out = new URLSearchParams(prev);
        out.delete(VIEW_PARAM);
        out.set(SPAN_PARAM, spanIdOfRow(skeleton, row));
        return out;
      });
      revealRow(row);
    },
    [setParams, skeleton, revealRow],
  );

  return (
    <div className="trace-page">
      <TraceHeader
        skeleton={skeleton}
        tools={embed.embedded ? undefined : <TraceViewSettings onOpenHelp={() => setHelpOpen(true)} />}
        slim={slim}
        onToggleSlim={() => setSlim((s) => !s)}
      />
      <SpansStatus handle={handle} />
      {!embed.embedded && <InsightsPanel />}
      {!embed.embedded && <ViewSwitcher current={view} onChange={setView} />}
      <div
        className="trace-view-panel"
        id="trace-view-panel"
        role={embed.embedded ? undefined : 'tabpanel'}
        aria-labelledby={embed.embedded ? undefined : `trace-view-tab-${view.id}`}
      >
        <TraceViewPanel
          view={view}
          onOpenInTimeline={openInTimeline}
          preload={!embed.embedded}
          timeline={
            <>
              {!slim && !embed.timelineHideMinimap && <Minimap />}
              <WaterfallToolbar findBar={<FindBar find={find} inputRef={findInput} />} />
              <div className="trace-page__main">
                <Waterfall
                  selectedRow={selectedRow}
                  onSelect={select}
                  onOpenRow={openRow}
                  onShowAllSpans={clearFilters}
                />
                {detailsMode === 'side' && selectedRow !== null && (
                  <SidePanel onClose={() => select(null)}>
                    <SpanDetailsPane row={selectedRow} headingLevel={2} onOpenRow={openRow} />
                  </SidePanel>
                )}
              </div>
            </>
          }
        />
      </div>
      <KeyboardHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
    </div>
  );
}

import { Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { LoadingView } from '../../components/StatusViews';
import type { TraceHandle } from '../../workers/traceClient';
import { SidePanel } from './details/SidePanel';
import { SpanDetailsPane } from './details/SpanDetailsPane';
import { FindBar } from './find/FindBar';
import { useFindInTrace } from './find/useFindInTrace';
import { KeyboardHelp } from './keyboard/KeyboardHelp';
import { useTraceShortcuts } from './keyboard/useTraceShortcuts';
import { Minimap } from './minimap/Minimap';
import { createTraceViewStore, TraceViewContext, useTraceView } from './state/traceViewStore';
import { useTraceLayout } from './traceLayoutPrefs';
import { TraceHeader } from './TraceHeader';
import { TraceViewSettings } from './TraceViewSettings';
import { useSelectedSpan } from './useSelectedSpan';
import { TIMELINE_VIEW } from './views/traceViews';
import { useTraceViewParam } from './views/useTraceViewParam';
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
  const revealRow = useTraceView((s) => s.revealRow);
  const detailsMode = useTraceLayout((s) => s.detailsMode);
  const [selectedRow, select] = useSelectedSpan(skeleton);
  const [helpOpen, setHelpOpen] = useState(false);
  const findInput = useRef<HTMLInputElement>(null);
  const find = useFindInTrace(select, findInput);
  const [view, setView] = useTraceViewParam();

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

  const openInTimeline = useCallback(
    (row: number) => {
      setView(TIMELINE_VIEW);
      openRow(row);
    },
    [setView, openRow],
  );
  const OtherView = view.Component;

  return (
    <div className="trace-page">
      <TraceHeader skeleton={skeleton} tools={<TraceViewSettings onOpenHelp={() => setHelpOpen(true)} />} />
      <ViewSwitcher current={view} onChange={setView} />
      <div
        className="trace-view-panel"
        id="trace-view-panel"
        role="tabpanel"
        aria-labelledby={`trace-view-tab-${view.id}`}
      >
        {OtherView ? (
          <Suspense fallback={<LoadingView label={`Opening the ${view.label.toLowerCase()} view`} />}>
            <OtherView onOpenInTimeline={openInTimeline} />
          </Suspense>
        ) : (
          <>
            <Minimap />
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
        )}
      </div>
      <KeyboardHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
    </div>
  );
}

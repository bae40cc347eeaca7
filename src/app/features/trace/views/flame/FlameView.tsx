/**
 * Flame graph of the trace: spans stacked by depth, x by start and width by duration, coloured by
 * service. Spans that run at the same time as a sibling go to the next free level, so none hides
 * another (core/analysis/flameLayout, computed in the trace worker). Clicking a span selects it
 * (the same `?span=` as the timeline) and zooms into its subtree; the breadcrumb zooms back out.
 */
import { useCallback, useId, useMemo, useState } from 'react';
import { ErrorView, LoadingView } from '../../../../components/StatusViews';
import { formatDuration } from '../../../../format/duration';
import { useTraceView } from '../../state/traceViewStore';
import { useSelectedSpan } from '../../useSelectedSpan';
import { useAnalysis } from '../shared/useAnalysis';
import { useDebounced } from '../shared/useDebounced';
import type { TraceViewProps } from '../traceViews';
import { FlameBreadcrumb } from './FlameBreadcrumb';
import { FlameCanvas, type FlameViewport } from './FlameCanvas';
import { subtreeExtent } from './flameNavigation';
import { useFlameSearch } from './useFlameSearch';
import '../shared/virtualGrid.css';
import './flame.css';

const NO_PARAMS = {};

export default function FlameView({ onOpenInTimeline }: TraceViewProps) {
  const skeleton = useTraceView((s) => s.skeleton);
  const handle = useTraceView((s) => s.handle);
  const flame = useAnalysis('flame', NO_PARAMS);
  const data = flame.data;
  const [selected, select] = useSelectedSpan(skeleton);
  const [focus, setFocus] = useState(-1);
  const [text, setText] = useState('');
  const query = useDebounced(text, 200).trim();
  const found = useFlameSearch(handle, query, skeleton.spanCount);
  const [painted, setPainted] = useState(false);
  const statusId = useId();

  const viewport = useMemo((): FlameViewport => {
    if (focus < 0 || !data)
      return { t0: 0, t1: Math.max(skeleton.traceDurationUs, 1), focus: -1, topLevel: 0 };
    const [from, to] = subtreeExtent(skeleton, focus);
    return { t0: from, t1: Math.max(to, from + 1), focus, topLevel: data.level[focus] };
  }, [focus, data, skeleton]);

  const zoom = useCallback((row: number) => setFocus(row), []);
  const pick = useCallback(
    (row: number) => {
      select(row);
      setFocus(row);
    },
    [select],
  );
  // A keyboard move out of the zoomed subtree takes the zoom along.
  const move = useCallback(
    (row: number) => {
      select(row);
      if (focus >= 0 && (row < focus || row >= skeleton.subtreeEnd[focus])) setFocus(row);
    },
    [select, focus, skeleton],
  );
  const zoomOut = useCallback(() => setFocus((f) => (f >= 0 ? skeleton.parent[f] : -1)), [skeleton]);
  const onPainted = useCallback(() => setPainted(true), []);

  if (flame.error) return <ErrorView title="Could not lay out the flame graph" message={flame.error} />;
  if (!data) return <LoadingView label="Laying out the flame graph…" />;

  const matchCount = found.search?.rows.length ?? 0;
  return (
    <section
      className="analysis-view flame-view"
      aria-label="Flame graph"
      data-view-ready={painted ? 'true' : undefined}
    >
      <div className="analysis-toolbar">
        <label className="analysis-toolbar__field">
          <span>Find</span>
          <input
            className="input analysis-filter"
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder="Text, service:name, >10ms, error…"
            aria-invalid={found.error ? true : undefined}
            aria-describedby={`${statusId}-find`}
          />
        </label>
        <span id={`${statusId}-find`} className="analysis-toolbar__status" role="status">
          {query === ''
            ? ''
            : found.pending && !found.search
              ? 'Searching…'
              : found.error
                ? ''
                : `${matchCount.toLocaleString('en-US')} matching ${matchCount === 1 ? 'span' : 'spans'}`}
        </span>
        <FlameBreadcrumb skeleton={skeleton} focus={focus} onZoom={zoom} />
        <span className="analysis-toolbar__end">
          <span className="analysis-toolbar__status">
            {data.levelCount.toLocaleString('en-US')} levels
            {data.pushedCount > 0 &&
              ` · ${data.pushedCount.toLocaleString('en-US')} parallel ${data.pushedCount === 1 ? 'span' : 'spans'} moved down`}
          </span>
          <button type="button" className="btn" disabled={focus < 0} onClick={() => setFocus(-1)}>
            Reset zoom
          </button>
        </span>
        {found.error && (
          <p className="analysis-toolbar__error" role="alert">
            {found.error}
          </p>
        )}
      </div>
      <FlameCanvas
        skeleton={skeleton}
        data={data}
        viewport={viewport}
        selected={selected}
        search={found.error ? null : found.search}
        onPick={pick}
        onMove={move}
        onZoom={zoom}
        onZoomOut={zoomOut}
        onOpen={onOpenInTimeline}
        onPainted={onPainted}
        describedBy={statusId}
      />
      <p id={statusId} className="flame-view__status" aria-live="polite">
        {selected === null
          ? 'Click a span to select it and zoom in; double-click or Enter opens it in the timeline.'
          : `Selected ${skeleton.operations[skeleton.operation[selected]]} (${
              skeleton.services[skeleton.service[selected]]
            }), ${formatDuration(skeleton.durationUs[selected])}, level ${data.level[selected] + 1} of ${data.levelCount}. Enter opens it in the timeline.`}
      </p>
    </section>
  );
}

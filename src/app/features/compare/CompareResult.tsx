/** A finished comparison: summary, then the aligned operations as a table or a graph, and details. */
import { lazy, Suspense, useDeferredValue, useId, useMemo, useState } from 'react';
import { defaultThresholds, presenceCounts } from '../../../core/diff/diffNodes';
import type { TraceDiff } from '../../../core/diff/traceDiff';
import { LoadingView } from '../../components/StatusViews';
import { CompareSummary } from './CompareSummary';
import { NodeDetails } from './NodeDetails';
import { DiffTable } from './table/DiffTable';
import { SHOW_OPTIONS, showLabels, visibleNodes, type ShowOption } from './table/diffRows';
import { useCompareView, type CompareTab } from './useCompareView';
import type { DiffTimings } from './worker/diffProtocol';

// d3 and the layout client load only when the graph tab is opened.
const DiffGraph = lazy(async () => ({ default: (await import('./graph/DiffGraph')).DiffGraph }));

interface CompareResultProps {
  diff: TraceDiff;
  timings: DiffTimings;
  traceIds: { a: string; b: string };
}

const ms = (value: number) => `${Math.round(value).toLocaleString()} ms`;

const TABS: readonly { id: CompareTab; label: string }[] = [
  { id: 'table', label: 'Table' },
  { id: 'graph', label: 'Graph' },
];

export function CompareResult({ diff, timings, traceIds }: CompareResultProps) {
  const [view, setView] = useCompareView(diff.size);
  const [text, setText] = useState('');
  const deferredText = useDeferredValue(text);
  const thresholds = useMemo(() => defaultThresholds(diff), [diff]);
  const presence = useMemo(() => presenceCounts(diff), [diff]);
  const rank = useMemo(() => new Map([...diff.topContributors].map((n, i) => [n, i + 1])), [diff]);
  const nodes = useMemo(
    () => visibleNodes(diff, { sort: view.sort, show: view.show, text: deferredText, thresholds }),
    [diff, view.sort, view.show, deferredText, thresholds],
  );
  const ids = useId();
  const tabId = (tab: CompareTab) => `${ids}-tab-${tab}`;
  const panelId = `${ids}-panel`;
  const select = (node: number) => setView({ node });
  const computeMs = Math.round(
    timings.parseMs.a + timings.parseMs.b + timings.indexMs.a + timings.indexMs.b + timings.diffMs,
  );

  return (
    <div className="compare-result">
      <CompareSummary diff={diff} traceIds={traceIds} presence={presence} onSelect={select} />
      <div className="compare-toolbar">
        <div role="tablist" aria-label="Views" className="compare-tabs">
          {TABS.map((tab) => (
            <button
              key={tab.id}
              id={tabId(tab.id)}
              type="button"
              role="tab"
              aria-selected={view.tab === tab.id}
              aria-controls={panelId}
              tabIndex={view.tab === tab.id ? 0 : -1}
              className="compare-tab"
              onClick={() => setView({ tab: tab.id })}
              onKeyDown={(e) => {
                if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
                const next = TABS[(TABS.findIndex((t) => t.id === view.tab) + 1) % TABS.length].id;
                setView({ tab: next });
                document.getElementById(tabId(next))?.focus();
              }}
            >
              {tab.label}
            </button>
          ))}
        </div>
        <label className="compare-toolbar__field">
          <span className="field__label">Show</span>
          <span className="select-wrap">
            <select
              className="select"
              value={view.show}
              onChange={(e) => setView({ show: e.target.value as ShowOption })}
            >
              {SHOW_OPTIONS.map((option) => (
                <option key={option} value={option}>
                  {showLabels[option]}
                </option>
              ))}
            </select>
          </span>
        </label>
        <label className="compare-toolbar__field compare-toolbar__find">
          <span className="field__label">Find</span>
          <input
            className="input"
            type="search"
            value={text}
            placeholder="Service or operation"
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        <p className="compare-toolbar__count num" aria-live="polite">
          {nodes.length === diff.size
            ? `${diff.size.toLocaleString()} operations`
            : `${nodes.length.toLocaleString()} of ${diff.size.toLocaleString()} operations`}
        </p>
        {view.sort.key !== 'tree' && (
          <button
            type="button"
            className="btn"
            onClick={() => setView({ sort: { key: 'tree', descending: false } })}
          >
            Tree order
          </button>
        )}
        <p
          className="compare-toolbar__timing"
          title={`In a worker: parsing ${ms(timings.parseMs.a)} (A) and ${ms(timings.parseMs.b)} (B), indexing ${ms(timings.indexMs.a)} and ${ms(timings.indexMs.b)}, aligning ${ms(timings.diffMs)}`}
        >
          Compared in {computeMs.toLocaleString()} ms
        </p>
      </div>
      <div className="compare-body">
        <div
          id={panelId}
          role="tabpanel"
          aria-labelledby={tabId(view.tab)}
          className={`compare-panel compare-panel--${view.tab}`}
        >
          {view.tab === 'table' ? (
            nodes.length === 0 ? (
              <p className="compare-panel__empty">
                No operation matches. Choose “All nodes” or clear the text to find.
              </p>
            ) : (
              <DiffTable
                diff={diff}
                nodes={nodes}
                sort={view.sort}
                onSort={(sort) => setView({ sort })}
                selected={view.node}
                onSelect={select}
                thresholds={thresholds}
                contributorRank={rank}
                indent={view.sort.key === 'tree'}
              />
            )
          ) : (
            <Suspense fallback={<LoadingView label="Loading the graph…" />}>
              <DiffGraph
                diff={diff}
                nodes={nodes}
                thresholds={thresholds}
                contributorRank={rank}
                selected={view.node}
                onSelect={select}
              />
            </Suspense>
          )}
        </div>
        {view.node !== null && (
          <NodeDetails
            diff={diff}
            node={view.node}
            thresholds={thresholds}
            traceIds={traceIds}
            onClose={() => setView({ node: null })}
          />
        )}
      </div>
    </div>
  );
}

import { useEffect, useRef, type KeyboardEvent } from 'react';
import { INSIGHT_LABELS, type Insight } from '../../../../core/insights/insight';
import { formatDuration } from '../../../format/duration';
import { useTraceView } from '../state/traceViewStore';
import { TIMELINE_VIEW } from '../views/traceViews';
import { useTraceViewParam } from '../views/useTraceViewParam';
import { useInsightsPanel } from './insightsPanelStore';
import { useTraceInsights } from './useTraceInsights';
import './insights.css';

/** The other view that draws the highlight: choosing an insight there keeps it open. */
const FLAME_VIEW = 'flame';

const keyOf = (insight: Insight, position: number) => `${insight.kind}:${insight.rows[0] ?? -1}:${position}`;
const spans = (count: number) => (count === 1 ? '1 span' : `${count.toLocaleString()} spans`);

/**
 * The trace's insights as a strip under the header: collapsed, one line with the largest finding;
 * expanded, every finding by time at stake. Choosing one highlights its spans in the timeline (or
 * in the flame graph, when that is open) and scrolls to the first; choosing it again clears the
 * highlight.
 */
export function InsightsPanel() {
  const state = useTraceInsights();
  const expanded = useInsightsPanel((s) => s.expanded);
  const setExpanded = useInsightsPanel((s) => s.setExpanded);
  const focusRequest = useInsightsPanel((s) => s.focusRequest);
  const highlight = useTraceView((s) => s.highlight);
  const setHighlight = useTraceView((s) => s.setHighlight);
  const revealRow = useTraceView((s) => s.revealRow);
  const [view, setView] = useTraceViewParam();
  const list = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (focusRequest > 0) list.current?.querySelector<HTMLButtonElement>('button')?.focus();
  }, [focusRequest, state.status]);

  const insights = state.status === 'ready' ? state.insights : [];
  const choose = (insight: Insight, key: string) => {
    if (highlight?.key === key) {
      setHighlight(null);
      return;
    }
    setHighlight({ key, rows: insight.rows });
    // The flame graph shows the highlight (and scrolls to it) itself; other views give way.
    if (view.id === FLAME_VIEW) return;
    if (view.id !== TIMELINE_VIEW) setView(TIMELINE_VIEW);
    if (insight.rows.length > 0) revealRow(insight.rows[0], false);
  };

  const onListKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const buttons = [...(list.current?.querySelectorAll<HTMLButtonElement>('button.insight') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    const to =
      event.key === 'ArrowDown'
        ? Math.min(buttons.length - 1, at + 1)
        : event.key === 'ArrowUp'
          ? Math.max(0, at - 1)
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? buttons.length - 1
              : -1;
    if (to < 0) return;
    event.preventDefault();
    buttons[to].focus();
  };

  const count = state.status === 'ready' ? insights.length : null;
  const top = insights[0];
  return (
    <section className="insights" aria-labelledby="insights-heading">
      <div className="insights__bar">
        <h2 className="insights__heading">
          <button
            type="button"
            className="insights__toggle"
            aria-expanded={expanded}
            aria-controls="insights-body"
            onClick={() => setExpanded(!expanded)}
          >
            <svg viewBox="0 0 10 10" width="10" height="10" aria-hidden="true">
              <path
                d={expanded ? 'M1.5 3 5 7 8.5 3' : 'M3 1.5 7 5 3 8.5'}
                fill="none"
                stroke="currentColor"
                strokeWidth="1.6"
              />
            </svg>
            <span id="insights-heading">Insights</span>
            {count !== null && <span className="insights__count num">{count}</span>}
          </button>
        </h2>
        {!expanded && <Teaser state={state} top={top} />}
        {highlight && insights.some((i, n) => keyOf(i, n) === highlight.key) && (
          <button type="button" className="link-button insights__clear" onClick={() => setHighlight(null)}>
            Clear highlight
          </button>
        )}
      </div>
      <div id="insights-body" hidden={!expanded}>
        {state.status === 'loading' && (
          <p className="insights__note" role="status">
            Looking for sequential calls, N+1 queries, lock waits and error origins…
          </p>
        )}
        {state.status === 'failed' && (
          <p className="insights__note insights__note--error" role="alert">
            The insights could not be worked out: {state.message}.{' '}
            <button type="button" className="link-button" onClick={state.retry}>
              Try again
            </button>
          </p>
        )}
        {state.status === 'ready' && insights.length === 0 && (
          <p className="insights__note">{NOTHING_FOUND}</p>
        )}
        {insights.length > 0 && (
          <ul
            ref={list}
            className="insights__list"
            aria-label="Findings, largest time at stake first"
            onKeyDown={onListKeyDown}
          >
            {insights.map((insight, n) => {
              const key = keyOf(insight, n);
              const on = highlight?.key === key;
              return (
                <li key={key}>
                  <button
                    type="button"
                    className="insight"
                    aria-pressed={on}
                    data-kind={insight.kind}
                    onClick={() => choose(insight, key)}
                  >
                    <span className={`insight__kind insight__kind--${insight.kind}`}>
                      {INSIGHT_LABELS[insight.kind]}
                    </span>
                    <span className="insight__summary">{insight.summary}</span>
                    <span className="insight__stake num" title="Time at stake">
                      {formatDuration(insight.timeAtStakeUs)}
                    </span>
                    <span className="insight__spans num">{spans(insight.rows.length)}</span>
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </section>
  );
}

const NOTHING_FOUND =
  'Nothing stands out: no calls that could run in parallel, no N+1 queries, no lock waits, no failed ' +
  'requests or retries, and no large uninstrumented gaps on the critical path.';

function Teaser({ state, top }: { state: ReturnType<typeof useTraceInsights>; top: Insight | undefined }) {
  if (state.status === 'loading') return <span className="insights__teaser">Looking…</span>;
  if (state.status === 'failed')
    return <span className="insights__teaser insights__teaser--error">Could not be worked out</span>;
  if (!top) return <span className="insights__teaser">Nothing stands out in this trace</span>;
  return (
    <span className="insights__teaser" title={top.summary}>
      <span className={`insight__kind insight__kind--${top.kind}`}>{INSIGHT_LABELS[top.kind]}</span>
      {top.summary}
    </span>
  );
}

import {
  memo,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useState,
  type CSSProperties,
  type KeyboardEvent,
} from 'react';
import { serviceColorOf } from '../../theme/servicePalette';
import {
  buildDisplayItems,
  DETAILS_ITEM,
  hiddenCountOf,
  isHiddenItem,
  rowBeforeHidden,
} from './displayItems';
import { HiddenSpansRow } from './HiddenSpansRow';
import { usePendingFocus } from './views/shared/usePendingFocus';
import { InlineDetailsRow } from './details/InlineDetailsRow';
import { useTraceView, useTraceViewStore } from './state/traceViewStore';
import { useTraceLayout } from './traceLayoutPrefs';
import { WaterfallHeader } from './WaterfallHeader';
import { waterfallKeyAction } from './waterfallKeys';
import { ROW_HEIGHT } from './waterfallLayout';
import { TimeGrid } from './TimeRuler';
import { NameCanvas } from './NameCanvas';
import { nameRows } from './nameDrawing';
import { TimelineCanvas } from './TimelineCanvas';
import { timelinePlacements } from './timelineDrawing';
import { RowTints } from './RowTints';
import { SpanRows } from './SpanRows';
import { useRowWindow, type WindowedRow } from './useRowWindow';

interface WaterfallProps {
  selectedRow: number | null;
  onSelect(row: number | null): void;
  /** Opens a span from a link in the inline details, unfolding its ancestors. */
  onOpenRow(row: number): void;
  /** Clears every filter that hides spans (service filter, critical-only, hide-the-rest). */
  onShowAllSpans(): void;
}

/**
 * The span waterfall, a treegrid: one row per visible span in display order, plus "N spans
 * hidden" rows and (inline mode) the open span's details. Only the rows on screen are in the DOM.
 */
export const Waterfall = memo(function Waterfall({
  selectedRow,
  onSelect,
  onOpenRow,
  onShowAllSpans,
}: WaterfallProps) {
  const store = useTraceViewStore();
  const idPrefix = useId();
  const { skeleton, tree, critical } = store.getState();
  const treeVersion = useTraceView((s) => s.treeVersion);
  const viewRange = useTraceView((s) => s.viewRange);
  const find = useTraceView((s) => s.find);
  const highlight = useTraceView((s) => s.highlight);
  const scrollRequest = useTraceView((s) => s.scrollRequest);
  const detailsMode = useTraceLayout((s) => s.detailsMode);
  const nameShare = useTraceLayout((s) => s.nameColumn);
  const filtered = useTraceView(
    (s) => s.criticalOnly || (s.matchesOnly && s.find.rows !== null) || s.tree.hiddenServices().length > 0,
  );
  const inlineRow = detailsMode === 'inline' ? selectedRow : null;
  // treeVersion is what changes when the (mutable) tree does.
  const items = useMemo(
    () => (treeVersion >= 0 ? buildDisplayItems(tree, inlineRow, filtered) : new Int32Array(0)),
    [tree, treeVersion, inlineRow, filtered],
  );
  const colors = useMemo(() => skeleton.services.map(serviceColorOf), [skeleton]);
  const currentMatchRow = find.rows && find.current >= 0 ? find.rows[find.current] : -1;

  const [activePosition, setActivePosition] = useState(0);
  const active = Math.min(activePosition, Math.max(0, items.length - 1));
  const detailsPosition = inlineRow === null ? -1 : items.indexOf(DETAILS_ITEM);
  const list = useRowWindow({
    count: items.length,
    rowHeight: ROW_HEIGHT,
    overscan: 8,
    tallIndex: detailsPosition,
    tallEstimate: 360,
    // The span rows' elements carry no pixels (the canvases and tints draw them), so they may trail
    // a scroll: each frame of a fling then repaints two canvases and moves no DOM rows.
    settleWhileScrolling: true,
  });
  const { scrollRef, scrollToIndex } = list;

  // Set by keyboard and scroll requests only, so rendering never steals focus from elsewhere.
  const focusWhenRendered = usePendingFocus(scrollRef);

  // Tell the minimap which spans are on screen.
  const range = list.visible;
  const rangeFirst = range?.first ?? -1;
  const rangeLast = range?.last ?? -1;
  useEffect(() => {
    let first = -1;
    let last = -1;
    for (let i = Math.max(0, rangeFirst); i <= rangeLast && i < items.length; i++) {
      if (items[i] >= 0) {
        if (first < 0) first = items[i];
        last = items[i];
      }
    }
    const current = store.getState().viewport;
    if (first < 0) {
      if (current) store.getState().setViewport(null);
    } else if (!current || current.first !== first || current.last !== last) {
      store.getState().setViewport({ first, last });
    }
  }, [rangeFirst, rangeLast, items, store]);

  useEffect(() => {
    if (!scrollRequest) return;
    const position = items.indexOf(scrollRequest.row);
    if (position < 0) return;
    scrollToIndex(position, 'center');
    if (scrollRequest.focus) {
      focusWhenRendered(position);
      setActivePosition(position);
    }
    // Only a new request scrolls; re-rendering with the same one must not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scrollRequest]);

  const onToggle = useCallback((row: number) => store.getState().updateTree((t) => t.toggle(row)), [store]);
  const onSelectRow = useCallback(
    (row: number) => onSelect(row === selectedRow ? null : row),
    [onSelect, selectedRow],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (
      (event.target as HTMLElement).closest('[data-details]') ||
      event.altKey ||
      event.ctrlKey ||
      event.metaKey
    )
      return;
    const pageRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 0) / ROW_HEIGHT) - 1);
    const action = waterfallKeyAction(event.key, items, active, tree, pageRows);
    if (!action) return;
    event.preventDefault();
    event.stopPropagation();
    if (action.type === 'move') {
      focusWhenRendered(action.position);
      setActivePosition(action.position);
      scrollToIndex(action.position, 'auto');
    } else if (action.type === 'toggle') onToggle(action.row);
    else if (action.type === 'open') onSelectRow(action.row);
    else onShowAllSpans();
  };

  const viewStartUs = viewRange[0] * skeleton.traceDurationUs;
  const viewEndUs = viewRange[1] * skeleton.traceDurationUs;
  // The same elements while only the scroll position changes, so React skips them on every step.
  const header = useMemo(
    () => <WaterfallHeader viewStartUs={viewStartUs} viewEndUs={viewEndUs} />,
    [viewStartUs, viewEndUs],
  );
  const grid = useMemo(
    () => <TimeGrid viewStartUs={viewStartUs} viewEndUs={viewEndUs} />,
    [viewStartUs, viewEndUs],
  );
  // Span rows keep their elements in slot order, so scrolling never moves a DOM node; aria-owns
  // gives assistive technology the rows in list order. They follow the settled window; what is
  // seen follows the scroll at once: the canvases, the tints, and the hidden-spans and details rows.
  const rowId = (v: WindowedRow) => {
    const item = items[v.index];
    if (item === DETAILS_ITEM) return `${idPrefix}-details`;
    return isHiddenItem(item) ? `${idPrefix}-h${v.slot}` : `${idPrefix}-${v.slot}`;
  };
  const windowRows = list.rows;
  const otherRows = windowRows.filter((v) => items[v.index] < 0);
  const settledSpanRows = useMemo(
    () => list.settledRows.filter((v) => items[v.index] >= 0),
    [list.settledRows, items],
  );
  // In list order; a string that changes only when the rows' elements do, in a fling.
  const spansOwned = useMemo(() => settledSpanRows.map(rowId).join(' '), [settledSpanRows]); // eslint-disable-line react-hooks/exhaustive-deps
  const owned =
    otherRows.length === 0
      ? spansOwned
      : [...settledSpanRows, ...otherRows]
          .sort((a, b) => a.index - b.index)
          .map(rowId)
          .join(' ');
  const windowTop = windowRows.length > 0 ? windowRows[0].start : 0;
  const lastInWindow = windowRows[windowRows.length - 1];
  const windowBottom = lastInWindow ? lastInWindow.start + list.sizeOf(lastInWindow.index) : 0;
  const placements = timelinePlacements(windowRows, items, skeleton, highlight, windowTop);
  return (
    <div className="waterfall" style={{ '--name-share': nameShare } as CSSProperties}>
      <div
        role="treegrid"
        aria-label="Spans"
        aria-rowcount={items.length + 1}
        aria-colcount={2}
        aria-multiselectable={false}
        className="waterfall__grid"
      >
        {header}
        <div className="waterfall__scroll" ref={scrollRef} onKeyDown={onKeyDown}>
          <div
            role="rowgroup"
            className="waterfall__rows"
            style={{ height: list.totalHeight }}
            aria-owns={owned}
          >
            {grid}
            <RowTints
              window={windowRows}
              items={items}
              selectedRow={selectedRow}
              isMatch={find.isMatch}
              currentMatchRow={currentMatchRow}
              isHighlighted={highlight?.isHighlighted ?? null}
            />
            <SpanRows
              window={settledSpanRows}
              items={items}
              idPrefix={idPrefix}
              skeleton={skeleton}
              critical={critical}
              tree={tree}
              treeVersion={treeVersion}
              active={active}
              selectedRow={selectedRow}
              isMatch={find.isMatch}
              currentMatchRow={currentMatchRow}
              isHighlighted={highlight?.isHighlighted ?? null}
              onFocusRow={setActivePosition}
              onToggle={onToggle}
              onSelect={onSelectRow}
            />
            {otherRows.map((v) => {
              const item = items[v.index];
              const key = rowId(v);
              const common = {
                id: key,
                position: v.index,
                top: v.start,
                focusable: v.index === active,
                onFocusRow: setActivePosition,
              };
              if (item === DETAILS_ITEM) {
                return selectedRow === null ? null : (
                  <InlineDetailsRow
                    key={key}
                    {...common}
                    row={selectedRow}
                    measure={list.measureTall}
                    onOpenRow={onOpenRow}
                  />
                );
              }
              const after = rowBeforeHidden(item);
              return (
                <HiddenSpansRow
                  key={key}
                  {...common}
                  count={hiddenCountOf(tree, item)}
                  depth={after >= 0 ? skeleton.depth[after] : 0}
                  onShowAll={onShowAllSpans}
                />
              );
            })}
            {windowRows.length > 0 && (
              <NameCanvas
                colors={colors}
                rows={nameRows(placements, skeleton, tree)}
                top={windowTop}
                height={windowBottom - windowTop}
              />
            )}
            {windowRows.length > 0 && (
              <TimelineCanvas
                skeleton={skeleton}
                critical={critical}
                viewRange={viewRange}
                colors={colors}
                placements={placements}
                top={windowTop}
                height={windowBottom - windowTop}
              />
            )}
          </div>
        </div>
      </div>
    </div>
  );
});

/**
 * Every aligned node as a row, sortable on any figure, virtualized: only the rows on screen are
 * in the DOM. One focus stop: arrow keys, Page Up/Down, Home and End move the selection.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useId, useRef, type KeyboardEvent } from 'react';
import {
  contribution,
  nodeChange,
  percentChange,
  type ChangeThresholds,
} from '../../../../core/diff/diffNodes';
import type { TraceDiff } from '../../../../core/diff/traceDiff';
import { ServiceSwatch } from '../../../components/ServiceChip';
import { formatDuration } from '../../../format/duration';
import { serviceColorOf } from '../../../theme/servicePalette';
import { ChangeBadge } from '../ChangeBadge';
import { formatDurationChange, formatPercentChange } from '../diffFormat';
import { DIFF_COLUMNS, type DiffColumn } from './diffColumns';
import type { DiffSort } from './diffRows';

export const DIFF_ROW_HEIGHT = 28;
/** Deeper levels stop indenting further, so a 100-deep path stays readable. */
const MAX_INDENT_LEVELS = 24;

interface DiffTableProps {
  diff: TraceDiff;
  /** The nodes to show, in order. */
  nodes: Int32Array;
  sort: DiffSort;
  onSort(sort: DiffSort): void;
  selected: number | null;
  onSelect(node: number): void;
  thresholds: ChangeThresholds;
  /** Rank (1 = biggest) of each top contributor. */
  contributorRank: ReadonlyMap<number, number>;
  /** Indent by depth: the rows are in tree order. */
  indent: boolean;
}

function signClass(value: number): string {
  return value > 0 ? 'num is-up' : value < 0 ? 'num is-down' : 'num is-zero';
}

function HeaderCell({
  column,
  sort,
  onSort,
}: {
  column: DiffColumn;
  sort: DiffSort;
  onSort(s: DiffSort): void;
}) {
  const active = column.sort !== null && sort.key === column.sort;
  const ariaSort = active ? (sort.descending ? 'descending' : 'ascending') : undefined;
  const cls = `diff-table__cell diff-table__head-cell${column.numeric ? ' is-numeric' : ''}`;
  if (column.sort === null) {
    return (
      <div role="columnheader" className={cls} title={column.description}>
        {column.label}
      </div>
    );
  }
  const key = column.sort;
  return (
    <div role="columnheader" className={cls} aria-sort={ariaSort}>
      <button
        type="button"
        className="diff-table__sort"
        title={column.description}
        // Figures sort largest first on the first click, names A to Z.
        onClick={() => onSort({ key, descending: active ? !sort.descending : key !== 'operation' })}
      >
        {column.label}
        <span className="diff-table__arrow" aria-hidden="true">
          {active ? (sort.descending ? '▼' : '▲') : ''}
        </span>
      </button>
    </div>
  );
}

export function DiffTable(props: DiffTableProps) {
  const { diff, nodes, sort, onSort, selected, onSelect, thresholds, contributorRank, indent } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const idPrefix = useId();
  const rowId = (node: number) => `${idPrefix}-node-${node}`;
  const getItemKey = useCallback((index: number) => nodes[index], [nodes]);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer's methods are not memoizable; nothing relies on it
  const virtualizer = useVirtualizer({
    count: nodes.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => DIFF_ROW_HEIGHT,
    getItemKey,
    overscan: 12,
    // The header row sits inside the scroller, above the rows.
    scrollMargin: DIFF_ROW_HEIGHT,
  });

  const selectedIndex = selected === null ? -1 : nodes.indexOf(selected);
  // Rows have one fixed height, so the selected row's place is known without asking the
  // virtualizer, whose scrollToIndex re-reads the layout on every frame until it settles.
  useEffect(() => {
    const scroller = scrollRef.current;
    if (!scroller || selectedIndex < 0) return;
    const top = DIFF_ROW_HEIGHT + selectedIndex * DIFF_ROW_HEIGHT;
    const visibleTop = scroller.scrollTop + DIFF_ROW_HEIGHT;
    if (top < visibleTop) scroller.scrollTop = top - DIFF_ROW_HEIGHT;
    else if (top + DIFF_ROW_HEIGHT > scroller.scrollTop + scroller.clientHeight) {
      scroller.scrollTop = top + DIFF_ROW_HEIGHT - scroller.clientHeight;
    }
  }, [selectedIndex]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.target !== event.currentTarget || nodes.length === 0) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 0) / DIFF_ROW_HEIGHT) - 2);
    const from = selectedIndex;
    const moves: Record<string, number> = {
      ArrowDown: from < 0 ? 0 : from + 1,
      ArrowUp: from < 0 ? 0 : from - 1,
      PageDown: from + page,
      PageUp: from - page,
      Home: 0,
      End: nodes.length - 1,
    };
    const to = moves[event.key];
    if (to === undefined) return;
    event.preventDefault();
    onSelect(nodes[Math.min(nodes.length - 1, Math.max(0, to))]);
  }

  return (
    <div
      ref={scrollRef}
      className="diff-table"
      role="grid"
      aria-label="Operations of both traces, aligned by call path"
      aria-rowcount={nodes.length + 1}
      aria-colcount={DIFF_COLUMNS.length}
      aria-activedescendant={selectedIndex >= 0 ? rowId(nodes[selectedIndex]) : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div role="rowgroup" className="diff-table__head">
        <div role="row" aria-rowindex={1} className="diff-table__row">
          {DIFF_COLUMNS.map((column) => (
            <HeaderCell key={column.id} column={column} sort={sort} onSort={onSort} />
          ))}
        </div>
      </div>
      <div role="rowgroup" className="diff-table__body" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const node = nodes[item.index];
          const { a, b } = diff;
          const service = diff.services[diff.service[node]];
          const operation = diff.operations[diff.operation[node]];
          const change = nodeChange(diff, node, thresholds);
          const rank = contributorRank.get(node);
          const totalDelta = b.totalUs[node] - a.totalUs[node];
          const selfDelta = b.selfUs[node] - a.selfUs[node];
          const critical = contribution(diff, node);
          const depth = Math.min(diff.depth[node], MAX_INDENT_LEVELS);
          const parent = diff.parent[node];
          return (
            <div
              key={item.key}
              id={rowId(node)}
              role="row"
              aria-rowindex={item.index + 2}
              aria-selected={node === selected}
              data-node={node}
              className={`diff-table__row diff-row diff-row--${change}${node === selected ? ' is-selected' : ''}${rank ? ' is-contributor' : ''}`}
              style={{ transform: `translateY(${item.start - DIFF_ROW_HEIGHT}px)`, height: DIFF_ROW_HEIGHT }}
              onClick={() => onSelect(node)}
            >
              <div role="gridcell" className="diff-table__cell diff-row__operation">
                <span
                  className="diff-row__label"
                  style={indent ? { paddingLeft: `calc(${depth} * var(--space-4))` } : undefined}
                >
                  <ServiceSwatch color={serviceColorOf(service)} />
                  <span className="diff-row__service">{service}</span>
                  <span className="diff-row__name">{operation}</span>
                  {!indent && parent >= 0 && (
                    <span className="diff-row__parent">in {diff.operations[diff.operation[parent]]}</span>
                  )}
                </span>
                {rank !== undefined && (
                  <span className="diff-row__rank" title={`Top contributor ${rank} to the end-to-end change`}>
                    <span aria-hidden="true">#{rank}</span>
                    <span className="visually-hidden">, top contributor {rank}</span>
                  </span>
                )}
              </div>
              <div role="gridcell" className="diff-table__cell">
                <ChangeBadge change={change} />
              </div>
              <div role="gridcell" className="diff-table__cell is-numeric num">
                {a.count[node].toLocaleString()}
              </div>
              <div
                role="gridcell"
                className={`diff-table__cell is-numeric num${a.count[node] && b.count[node] && a.count[node] !== b.count[node] ? ' is-count-changed' : ''}`}
              >
                {b.count[node].toLocaleString()}
              </div>
              <div role="gridcell" className="diff-table__cell is-numeric num">
                {a.count[node] ? formatDuration(a.totalUs[node]) : '—'}
              </div>
              <div role="gridcell" className="diff-table__cell is-numeric num">
                {b.count[node] ? formatDuration(b.totalUs[node]) : '—'}
              </div>
              <div role="gridcell" className={`diff-table__cell is-numeric ${signClass(totalDelta)}`}>
                {formatDurationChange(totalDelta)}
              </div>
              <div role="gridcell" className={`diff-table__cell is-numeric ${signClass(totalDelta)}`}>
                {formatPercentChange(percentChange(a.totalUs[node], b.totalUs[node]))}
              </div>
              <div role="gridcell" className="diff-table__cell is-numeric num">
                {a.count[node] ? formatDuration(a.selfUs[node]) : '—'}
              </div>
              <div role="gridcell" className="diff-table__cell is-numeric num">
                {b.count[node] ? formatDuration(b.selfUs[node]) : '—'}
              </div>
              <div role="gridcell" className={`diff-table__cell is-numeric ${signClass(selfDelta)}`}>
                {formatDurationChange(selfDelta)}
              </div>
              <div role="gridcell" className={`diff-table__cell is-numeric ${signClass(critical)}`}>
                {formatDurationChange(critical)}
              </div>
            </div>
          );
        })}
      </div>
    </div>
  );
}

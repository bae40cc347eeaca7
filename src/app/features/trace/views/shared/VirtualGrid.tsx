/**
 * A virtualized data grid for the trace's analysis views (spans, events, statistics): a header
 * of sortable column headers (aria-sort), then only the rows on screen, absolutely placed in a
 * list as tall as all of them, so a million rows scroll like ten. Keyboard model of the WAI-ARIA
 * grid pattern at row level: one row is in the tab order, arrows / Page / Home / End move it,
 * Enter activates it. The header scrolls sideways with the rows when the columns are wider than
 * the view.
 */
import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { useRowWindow } from '../../useRowWindow';
import { nextRow } from '../../waterfallLayout';
import { usePendingFocus } from './usePendingFocus';
import './virtualGrid.css';

export interface GridColumn {
  id: string;
  label: string;
  /** A CSS grid track: `minmax(160px, 2fr)`, `96px`. */
  width: string;
  /** The narrowest the column gets, in pixels; the grid scrolls sideways below the sum. */
  minWidth: number;
  numeric?: boolean;
  sortable?: boolean;
  /** Explains the column (tooltip of its header). */
  description?: string;
  render(position: number): ReactNode;
}

export interface GridSort {
  column: string;
  descending: boolean;
}

/** Extra ARIA and styling of one row, for tree-shaped grids (statistics with sub-groups). */
export interface GridRowInfo {
  level?: number;
  expanded?: boolean;
  className?: string;
  /** The row's accessible name when its cells alone would not say what it is. */
  label?: string;
}

interface VirtualGridProps {
  label: string;
  columns: readonly GridColumn[];
  count: number;
  /** A stable key per position (a span row, an event index…). */
  keyOf(position: number): number | string;
  role?: 'grid' | 'treegrid';
  sort?: GridSort | null;
  onSort?(column: string): void;
  onActivate?(position: number): void;
  /** Keys the grid does not handle itself (Left/Right in a treegrid); true when handled. */
  onRowKey?(key: string, position: number): boolean;
  rowInfo?(position: number): GridRowInfo;
  /** Cells of a last row that stays in view (totals), aligned with the columns. */
  footer?: readonly ReactNode[];
  rowHeight?: number;
  /** Shown instead of rows when there are none. */
  empty?: ReactNode;
  /** Changes when the rows' content changes without `count` changing (a new sort or filter). */
  version?: unknown;
  /** Told which positions are rendered (on screen plus a margin), for views that load cells lazily. */
  onRangeChange?(first: number, last: number): void;
}

export function VirtualGrid(props: VirtualGridProps) {
  const { columns, count, rowHeight = 26 } = props;
  const list = useRowWindow({ count, rowHeight, overscan: 10, tallIndex: -1, tallEstimate: 0 });
  const { scrollRef, scrollToIndex } = list;
  const focusWhenRendered = usePendingFocus(scrollRef);
  const headRef = useRef<HTMLDivElement>(null);
  const footRef = useRef<HTMLDivElement>(null);
  // The focusable row, remembered per content version: a new sort or filter starts at the top.
  const [activeAt, setActiveAt] = useState<{ version: unknown; position: number }>({
    version: props.version,
    position: 0,
  });
  const activePosition = activeAt.version === props.version ? activeAt.position : 0;
  const active = Math.min(activePosition, Math.max(0, count - 1));
  const setActivePosition = useCallback(
    (position: number) => setActiveAt({ version: props.version, position }),
    [props.version],
  );

  const template: CSSProperties = {
    gridTemplateColumns: columns.map((c) => c.width).join(' '),
    minWidth: columns.reduce((sum, c) => sum + c.minWidth, 0),
  };

  // A new sort or filter starts at the top, like any table would.
  useEffect(() => {
    const el = scrollRef.current;
    if (el) el.scrollTop = 0;
  }, [props.version, scrollRef]);

  const renderedFirst = list.rows[0]?.index ?? -1;
  const renderedLast = list.rows[list.rows.length - 1]?.index ?? -1;
  const { onRangeChange } = props;
  useEffect(() => {
    onRangeChange?.(renderedFirst, renderedLast);
  }, [onRangeChange, renderedFirst, renderedLast]);

  const onScroll = () => {
    const left = scrollRef.current?.scrollLeft ?? 0;
    if (headRef.current) headRef.current.scrollLeft = left;
    if (footRef.current) footRef.current.scrollLeft = left;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey || count === 0) return;
    const target = event.target as HTMLElement;
    if (!target.matches('[role="row"]')) return;
    let handled = true;
    if (event.key === 'Enter' || event.key === ' ') props.onActivate?.(active);
    else if (props.onRowKey?.(event.key, active)) handled = true;
    else {
      const pageRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 0) / rowHeight) - 1);
      const next = nextRow(event.key, active, count, pageRows);
      if (next === null) handled = false;
      else {
        focusWhenRendered(next);
        setActivePosition(next);
        scrollToIndex(next, 'auto');
      }
    }
    if (handled) {
      event.preventDefault();
      event.stopPropagation();
    }
  };

  return (
    <div
      className="vgrid"
      role={props.role ?? 'grid'}
      aria-label={props.label}
      aria-rowcount={count + 1 + (props.footer ? 1 : 0)}
      aria-colcount={columns.length}
    >
      <div className="vgrid__head" ref={headRef} role="rowgroup">
        <div className="vgrid__row vgrid__row--head" role="row" aria-rowindex={1} style={template}>
          {columns.map((c) => (
            <HeaderCell key={c.id} column={c} sort={props.sort ?? null} onSort={props.onSort} />
          ))}
        </div>
      </div>
      <div className="vgrid__scroll" ref={scrollRef} onScroll={onScroll} onKeyDown={onKeyDown}>
        {count === 0 && props.empty}
        <div
          role="rowgroup"
          className="vgrid__rows"
          style={{ height: list.totalHeight, minWidth: template.minWidth }}
        >
          {list.rows.map((v) => (
            <GridRow
              key={props.keyOf(v.index)}
              position={v.index}
              top={v.start}
              height={rowHeight}
              template={template}
              columns={columns}
              focusable={v.index === active}
              info={props.rowInfo?.(v.index)}
              onFocusRow={setActivePosition}
              onActivate={props.onActivate}
            />
          ))}
        </div>
      </div>
      {props.footer && (
        <div className="vgrid__foot" ref={footRef} role="rowgroup">
          <div className="vgrid__row vgrid__row--foot" role="row" aria-rowindex={count + 2} style={template}>
            {props.footer.map((cell, i) => (
              <div
                key={columns[i]?.id ?? i}
                role={i === 0 ? 'rowheader' : 'gridcell'}
                className={columns[i]?.numeric ? 'vgrid__cell vgrid__cell--num' : 'vgrid__cell'}
              >
                {cell}
              </div>
            ))}
          </div>
        </div>
      )}
    </div>
  );
}

function HeaderCell({
  column,
  sort,
  onSort,
}: {
  column: GridColumn;
  sort: GridSort | null;
  onSort?(column: string): void;
}) {
  const sorted = sort?.column === column.id;
  const ariaSort = sorted
    ? sort.descending
      ? 'descending'
      : 'ascending'
    : column.sortable
      ? 'none'
      : undefined;
  const className = column.numeric ? 'vgrid__cell vgrid__cell--num' : 'vgrid__cell';
  return (
    <div role="columnheader" aria-sort={ariaSort} className={className} title={column.description}>
      {column.sortable && onSort ? (
        <button type="button" className="vgrid__sort" onClick={() => onSort(column.id)}>
          <span className="vgrid__label">{column.label}</span>
          <span className="vgrid__arrow" aria-hidden="true">
            {sorted ? (sort.descending ? '▼' : '▲') : ''}
          </span>
        </button>
      ) : (
        <span className="vgrid__label">{column.label}</span>
      )}
    </div>
  );
}

interface GridRowProps {
  position: number;
  top: number;
  height: number;
  template: CSSProperties;
  columns: readonly GridColumn[];
  focusable: boolean;
  info: GridRowInfo | undefined;
  onFocusRow(position: number): void;
  onActivate?(position: number): void;
}

/** Not memoised: its cells read the view's current data, and only a screenful is rendered. */
function GridRow(props: GridRowProps) {
  const { position, info } = props;
  return (
    <div
      role="row"
      className={info?.className ? `vgrid__row ${info.className}` : 'vgrid__row'}
      style={{ ...props.template, transform: `translateY(${props.top}px)`, height: props.height }}
      aria-rowindex={position + 2}
      aria-level={info?.level}
      aria-expanded={info?.expanded}
      aria-label={info?.label}
      tabIndex={props.focusable ? 0 : -1}
      data-position={position}
      onFocus={(event) => {
        if (event.target === event.currentTarget) props.onFocusRow(position);
      }}
      onClick={() => props.onActivate?.(position)}
    >
      {props.columns.map((c) => (
        <div
          key={c.id}
          role="gridcell"
          className={c.numeric ? 'vgrid__cell vgrid__cell--num' : 'vgrid__cell'}
        >
          {c.render(position)}
        </div>
      ))}
    </div>
  );
}

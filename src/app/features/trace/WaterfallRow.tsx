import { memo, useLayoutEffect, useRef, type CSSProperties, type MouseEvent } from 'react';
import { SpanKind, spanKindNames } from '../../../core/model/trace';
import { ErrorIcon } from '../../components/icons';
import type { CriticalByRow, TraceSkeleton } from '../../workers/traceModel';
import { useTraceView } from './state/traceViewStore';
import { SpanBar } from './SpanBar';
import type { ViewRange } from './viewRange';
import { indentPx, ROW_HEIGHT } from './waterfallLayout';

export interface WaterfallRowProps {
  /** Element id, for the row group's aria-owns. */
  id: string;
  skeleton: TraceSkeleton;
  critical: CriticalByRow;
  row: number;
  /** Position in the list (1-based aria-rowindex is position + 2, after the header). */
  position: number;
  /** Pixel offset of the row inside the virtual list. */
  top: number;
  color: string;
  viewRange: ViewRange;
  collapsed: boolean;
  /** Spans folded inside this collapsed row. */
  foldedCount: number;
  /** An error somewhere in the folded subtree. */
  errorFolded: boolean;
  selected: boolean;
  match: boolean;
  currentMatch: boolean;
  fromClientAbove: boolean;
  focusable: boolean;
  onFocusRow(position: number): void;
  onToggle(row: number): void;
  onSelect(row: number): void;
}

const KIND_BADGES = new Set<number>([SpanKind.Client, SpanKind.Server, SpanKind.Producer, SpanKind.Consumer]);
/** A leaf has no chevron: its name starts where a parent's chevron and the gap after it end. */
const LEAF_TOGGLE_SPACE = 16 + 4;

/**
 * One span's row. The waterfall keys rows by slot, so scrolling hands this element another span:
 * everything here is props-driven (no state, no per-row effects beyond the focus check), and the
 * element structure varies little between spans so that most updates only change text and
 * attributes. Scrolling restyles, lays out and paints every row that comes in, so each element
 * counts: the service swatch is the service name's background, a leaf's missing chevron is
 * padding.
 */
export const WaterfallRow = memo(function WaterfallRow(props: WaterfallRowProps) {
  const { skeleton: s, row, position, collapsed, foldedCount, errorFolded } = props;
  const depth = s.depth[row];
  const hasChildren = s.childCount[row] > 0;
  const isError = s.error[row] === 1;
  const operation = s.operations[s.operation[row]];
  const service = s.services[s.service[row]];
  const kind = s.kind[row];
  const onCritical = props.critical.onPath[row] === 1;
  const highlighted = useTraceView((state) => state.highlight?.isHighlighted[row] === 1);
  const element = useRef<HTMLDivElement>(null);
  const shownPosition = useRef(position);

  // A focused row that scrolled out hands its element to another position: the focus must not
  // stay on a different span (unmounting, before rows were reused, dropped it the same way).
  useLayoutEffect(() => {
    if (shownPosition.current === position) return;
    shownPosition.current = position;
    const el = element.current;
    if (el && !props.focusable && el.ownerDocument.activeElement === el) el.blur();
  });

  let className = isError ? 'wf-row wf-row--error' : 'wf-row';
  if (props.selected) className += ' is-selected';
  if (props.match) className += ' is-match';
  if (props.currentMatch) className += ' is-current-match';
  if (highlighted) className += ' is-highlighted';
  // Placed by top, not a transform: a transform gives each row a paint property node of its own,
  // which every frame's pre-paint and layerization then walk.
  const rowStyle: CSSProperties = { top: props.top, height: ROW_HEIGHT };
  const toggle = (event: MouseEvent) => {
    event.stopPropagation();
    props.onToggle(row);
  };

  return (
    <div
      ref={element}
      id={props.id}
      role="row"
      className={className}
      style={rowStyle}
      aria-level={depth + 1}
      aria-rowindex={position + 2}
      aria-expanded={hasChildren ? !collapsed : undefined}
      aria-selected={props.selected}
      tabIndex={props.focusable ? 0 : -1}
      data-row={row}
      data-position={position}
      onFocus={() => props.onFocusRow(position)}
      onClick={() => props.onSelect(row)}
    >
      <div
        role="gridcell"
        className="wf-row__name"
        style={{ paddingLeft: indentPx(depth) + (hasChildren ? 4 : 4 + LEAF_TOGGLE_SPACE) }}
      >
        {hasChildren ? (
          <button
            type="button"
            className={collapsed ? 'wf-toggle wf-toggle--collapsed' : 'wf-toggle'}
            tabIndex={-1}
            aria-expanded={!collapsed}
            aria-label={`${collapsed ? 'Expand' : 'Collapse'} ${operation}`}
            onClick={toggle}
          />
        ) : null}
        <span className="wf-row__service" style={{ '--swatch': props.color } as CSSProperties}>
          {service}
        </span>
        <span className="wf-row__operation" title={operation}>
          {operation}
        </span>
        {KIND_BADGES.has(kind) && (
          <span className={`kind-badge kind-badge--${spanKindNames[kind as SpanKind]}`}>
            {spanKindNames[kind as SpanKind]}
          </span>
        )}
        {isError && (
          <>
            <ErrorIcon className="wf-row__error-icon" />
            <span className="visually-hidden">, error</span>
          </>
        )}
        {!isError && collapsed && errorFolded && (
          <>
            <ErrorIcon className="wf-row__error-icon wf-row__error-icon--folded" />
            <span className="visually-hidden">, error in folded spans</span>
          </>
        )}
        {collapsed && foldedCount > 0 && (
          <span className="wf-row__folded num" title={`${foldedCount} spans folded`}>
            +{foldedCount}
            <span className="visually-hidden"> spans folded</span>
          </span>
        )}
        {onCritical && <span className="visually-hidden">, on the critical path</span>}
        {highlighted && <span className="visually-hidden">, highlighted by the selected insight</span>}
      </div>
      <div role="gridcell" className="wf-row__timeline">
        <SpanBar
          skeleton={s}
          critical={props.critical}
          row={row}
          color={props.color}
          viewRange={props.viewRange}
          fromClientAbove={props.fromClientAbove}
          highlighted={highlighted}
        />
      </div>
    </div>
  );
});

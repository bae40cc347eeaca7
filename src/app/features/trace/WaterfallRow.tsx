import { memo, useLayoutEffect, useRef, type CSSProperties, type MouseEvent } from 'react';
import { SpanKind, spanKindNames } from '../../../core/model/trace';
import { ErrorIcon } from '../../components/icons';
import type { CriticalByRow, TraceSkeleton } from '../../workers/traceModel';
import { barDescription } from './timelineDrawing';
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
  /**
   * The service's palette slot: its swatch colour comes from a rule per slot (waterfall.css), not
   * an inline style, so rows of one service share their computed style.
   */
  swatch: number;
  collapsed: boolean;
  /** Spans folded inside this collapsed row. */
  foldedCount: number;
  /** An error somewhere in the folded subtree. */
  errorFolded: boolean;
  selected: boolean;
  match: boolean;
  currentMatch: boolean;
  /** One of the spans a selected insight points at. */
  highlighted: boolean;
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
 * everything here is props-driven (no state, no per-row effects beyond the focus check), and every
 * row has the same elements (those that do not apply are hidden), so an update only changes text
 * and attributes, never the element structure. Scrolling restyles, lays out and paints every row
 * that comes in, so each element counts: the bar and its label are drawn on the waterfall's
 * timeline canvas, the service swatch is the service name's background, a leaf's missing chevron
 * is padding.
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
  const { highlighted } = props;
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

  const badge = KIND_BADGES.has(kind) ? spanKindNames[kind as SpanKind] : '';
  let spokenState = isError ? ', error' : collapsed && errorFolded ? ', error in folded spans' : '';
  if (onCritical) spokenState += ', on the critical path';
  if (highlighted) spokenState += ', highlighted by the selected insight';

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
        <button
          type="button"
          className={collapsed ? 'wf-toggle wf-toggle--collapsed' : 'wf-toggle'}
          hidden={!hasChildren}
          tabIndex={-1}
          aria-expanded={hasChildren ? !collapsed : undefined}
          aria-label={hasChildren ? `${collapsed ? 'Expand' : 'Collapse'} ${operation}` : undefined}
          onClick={toggle}
        />
        <span className="wf-row__service" data-swatch={props.swatch}>
          {service}
        </span>
        <span className="wf-row__operation" title={operation}>
          {operation}
        </span>
        <span className={`kind-badge kind-badge--${badge}`} hidden={!badge}>
          {badge}
        </span>
        <ErrorIcon
          className={
            isError
              ? 'wf-row__error-icon'
              : collapsed && errorFolded
                ? 'wf-row__error-icon wf-row__error-icon--folded'
                : 'wf-row__error-icon wf-row__error-icon--none'
          }
        />
        {collapsed && foldedCount > 0 && (
          <span className="wf-row__folded num" title={`${foldedCount} spans folded`}>
            +{foldedCount}
            <span className="visually-hidden"> spans folded</span>
          </span>
        )}
        <span className="visually-hidden">{spokenState}</span>
      </div>
      {/* The bar is drawn on the waterfall's timeline canvas; the cell says what it shows. */}
      <div
        role="gridcell"
        className="wf-row__timeline"
        aria-label={barDescription(s.startUs[row], s.durationUs[row])}
      />
    </div>
  );
});

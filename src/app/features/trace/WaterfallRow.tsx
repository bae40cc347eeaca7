import { memo, useLayoutEffect, useRef, type CSSProperties, type MouseEvent } from 'react';
import type { CriticalByRow, TraceSkeleton } from '../../workers/traceModel';
import { kindBadge, toggleLeft } from './nameDrawing';
import { barDescription } from './timelineDrawing';
import { ROW_HEIGHT } from './waterfallLayout';

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

/**
 * One span's row: a transparent, focusable treegrid row over the waterfall's two canvases, which
 * draw what it shows (NameCanvas: chevron, swatch, names, badge, marks; TimelineCanvas: the bar).
 * The row keeps what the pointer, the keyboard and assistive technology need: its ARIA state, its
 * words as the hidden label of its name cell, the expand button where the chevron is drawn, and
 * the selection, match and highlight classes that tint its background. The waterfall keys rows by
 * slot, so scrolling hands this element another span: everything is props-driven, and every row
 * has the same elements, so an update changes attributes and text that is never laid out.
 */
export const WaterfallRow = memo(function WaterfallRow(props: WaterfallRowProps) {
  const { skeleton: s, row, position, collapsed, foldedCount, errorFolded } = props;
  const depth = s.depth[row];
  const hasChildren = s.childCount[row] > 0;
  const isError = s.error[row] === 1;
  const operation = s.operations[s.operation[row]];
  const service = s.services[s.service[row]];
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

  const badge = kindBadge(s.kind[row]);
  const labelId = `${props.id}-name`;
  const folded = collapsed && foldedCount > 0 ? `, +${foldedCount} spans folded` : '';
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
      {/* What the cell shows is drawn on the name canvas; its words are here, hidden, as its name. */}
      <div role="gridcell" className="wf-row__name" aria-labelledby={labelId} title={operation}>
        <button
          type="button"
          className="wf-toggle"
          hidden={!hasChildren}
          style={{ left: toggleLeft(depth) }}
          tabIndex={-1}
          aria-expanded={hasChildren ? !collapsed : undefined}
          aria-label={hasChildren ? `${collapsed ? 'Expand' : 'Collapse'} ${operation}` : undefined}
          onClick={toggle}
        />
        <span id={labelId} hidden>
          {/* Isolated, so a name's bidi controls cannot reorder the words after it. */}
          <bdi className="wf-row__service">{service}</bdi>{' '}
          <bdi className="wf-row__operation">{operation}</bdi>
          {badge ? ' ' : ''}
          <span className="kind-badge">{badge}</span>
          {folded}
          {spokenState}
        </span>
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

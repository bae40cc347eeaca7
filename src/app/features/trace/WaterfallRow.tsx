import { memo, type CSSProperties, type MouseEvent } from 'react';
import { SpanKind, spanKindNames } from '../../../core/model/trace';
import { ErrorIcon } from '../../components/icons';
import { ServiceSwatch } from '../../components/ServiceChip';
import type { CriticalByRow, TraceSkeleton } from '../../workers/traceModel';
import { useTraceView } from './state/traceViewStore';
import { SpanBar } from './SpanBar';
import type { ViewRange } from './viewRange';
import { indentPx, ROW_HEIGHT } from './waterfallLayout';

export interface WaterfallRowProps {
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

export const WaterfallRow = memo(function WaterfallRow(props: WaterfallRowProps) {
  const { skeleton: s, row, collapsed, foldedCount, errorFolded } = props;
  const depth = s.depth[row];
  const hasChildren = s.childCount[row] > 0;
  const isError = s.error[row] === 1;
  const operation = s.operations[s.operation[row]];
  const service = s.services[s.service[row]];
  const kind = s.kind[row];
  const onCritical = props.critical.onPath[row] === 1;
  const highlighted = useTraceView((state) => state.highlight?.isHighlighted[row] === 1);
  const classes = ['wf-row'];
  if (isError) classes.push('wf-row--error');
  if (props.selected) classes.push('is-selected');
  if (props.match) classes.push('is-match');
  if (props.currentMatch) classes.push('is-current-match');
  if (highlighted) classes.push('is-highlighted');
  const rowStyle: CSSProperties = { transform: `translateY(${props.top}px)`, height: ROW_HEIGHT };
  const toggle = (event: MouseEvent) => {
    event.stopPropagation();
    props.onToggle(row);
  };

  return (
    <div
      role="row"
      className={classes.join(' ')}
      style={rowStyle}
      aria-level={depth + 1}
      aria-rowindex={props.position + 2}
      aria-expanded={hasChildren ? !collapsed : undefined}
      aria-selected={props.selected}
      tabIndex={props.focusable ? 0 : -1}
      data-row={row}
      data-position={props.position}
      onFocus={() => props.onFocusRow(props.position)}
      onClick={() => props.onSelect(row)}
    >
      <div role="gridcell" className="wf-row__name" style={{ paddingLeft: indentPx(depth) + 4 }}>
        {hasChildren ? (
          <button
            type="button"
            className="wf-toggle"
            tabIndex={-1}
            aria-expanded={!collapsed}
            aria-label={`${collapsed ? 'Expand' : 'Collapse'} ${operation}`}
            onClick={toggle}
          >
            <svg viewBox="0 0 10 10" width="10" height="10" aria-hidden="true">
              <path
                d={collapsed ? 'M3 1.5 7 5 3 8.5' : 'M1.5 3 5 7 8.5 3'}
                fill="none"
                stroke="currentColor"
                strokeWidth="1.6"
              />
            </svg>
          </button>
        ) : (
          <span className="wf-toggle wf-toggle--leaf" aria-hidden="true" />
        )}
        <ServiceSwatch color={props.color} />
        <span className="wf-row__service">{service}</span>
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

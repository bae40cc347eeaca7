import type { CSSProperties } from 'react';
import { indentPx, ROW_HEIGHT } from './waterfallLayout';

interface HiddenSpansRowProps {
  /** Element id, for the row group's aria-owns. */
  id: string;
  count: number;
  /** Depth to indent to: that of the row the hidden spans follow. */
  depth: number;
  position: number;
  top: number;
  focusable: boolean;
  onFocusRow(position: number): void;
  onShowAll(): void;
}

/** Stands in for spans the filters removed, so the reader always sees that something was cut. */
export function HiddenSpansRow({
  id,
  count,
  depth,
  position,
  top,
  focusable,
  onFocusRow,
  onShowAll,
}: HiddenSpansRowProps) {
  const style: CSSProperties = { top, height: ROW_HEIGHT };
  return (
    <div
      id={id}
      role="row"
      className="wf-row wf-row--hidden"
      style={style}
      aria-rowindex={position + 2}
      aria-level={depth + 1}
      tabIndex={focusable ? 0 : -1}
      data-position={position}
      onFocus={() => onFocusRow(position)}
    >
      <div
        role="gridcell"
        aria-colspan={2}
        className="wf-hidden"
        style={{ paddingLeft: indentPx(depth) + 22 }}
      >
        <span className="num">
          {count.toLocaleString()} {count === 1 ? 'span' : 'spans'} hidden by filters
        </span>
        <button type="button" className="link-button" tabIndex={-1} onClick={onShowAll}>
          Show all spans
        </button>
      </div>
    </div>
  );
}

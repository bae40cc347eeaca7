import type { CSSProperties } from 'react';
import { SpanDetailsPane } from './SpanDetailsPane';

interface InlineDetailsRowProps {
  /** Element id, for the row group's aria-owns. */
  id: string;
  row: number;
  position: number;
  top: number;
  measure(element: HTMLElement | null): (() => void) | undefined;
  onOpenRow(row: number): void;
}

/** The open span's details as a full-width row under it (the "inline" details mode). */
export function InlineDetailsRow({ id, row, position, top, measure, onOpenRow }: InlineDetailsRowProps) {
  const style: CSSProperties = { top };
  return (
    <div
      id={id}
      role="row"
      className="wf-details-row"
      style={style}
      aria-rowindex={position + 2}
      data-details=""
      ref={measure}
    >
      <div role="gridcell" aria-colspan={2} className="wf-details-row__cell">
        <SpanDetailsPane row={row} headingLevel={3} onOpenRow={onOpenRow} />
      </div>
    </div>
  );
}

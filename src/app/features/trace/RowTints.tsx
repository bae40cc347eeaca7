import type { WindowedRow } from './useRowWindow';

interface RowTintsProps {
  /** The window's list positions (all of it: tints follow the scroll, like the canvases). */
  window: readonly WindowedRow[];
  /** The display list: span rows are ≥ 0. */
  items: Int32Array;
  selectedRow: number | null;
  /** 1 for each row the find matches, or null without a find. */
  isMatch: Uint8Array | null;
  currentMatchRow: number;
  /** 1 for each row a selected insight points at, or null. */
  isHighlighted: Uint8Array | null;
}

/**
 * The backgrounds of the selected, matched and highlighted rows in the window, under the rows.
 * They are apart from the row elements, which may trail a fast scroll (useRowWindow's settled
 * rows): the tints, like the canvases, are where their rows are in every frame.
 */
export function RowTints({
  window,
  items,
  selectedRow,
  isMatch,
  currentMatchRow,
  isHighlighted,
}: RowTintsProps) {
  const tints = [];
  for (const v of window) {
    const row = items[v.index];
    if (row < 0) continue;
    let className = '';
    if (isMatch?.[row] === 1) className += ' is-match';
    if (isHighlighted?.[row] === 1) className += ' is-highlighted';
    if (row === selectedRow) className += ' is-selected';
    if (row === currentMatchRow) className += ' is-current-match';
    if (className)
      tints.push(
        <div key={row} className={`wf-tint${className}`} style={{ top: v.start }} aria-hidden="true" />,
      );
  }
  return tints;
}

import { memo } from 'react';
import type { TreeView } from '../../../core/tree/treeView';
import type { CriticalByRow, TraceSkeleton } from '../../workers/traceModel';
import type { WindowedRow } from './useRowWindow';
import { WaterfallRow } from './WaterfallRow';

interface SpanRowsProps {
  /** The settled window's span rows (useRowWindow): trailing a fling, the same array each step. */
  window: readonly WindowedRow[];
  items: Int32Array;
  /** Prefix of the rows' element ids: `${idPrefix}-${slot}`. */
  idPrefix: string;
  skeleton: TraceSkeleton;
  critical: CriticalByRow;
  tree: TreeView;
  /** Changes when the (mutable) tree does. */
  treeVersion: number;
  /** The list position that takes the keyboard focus. */
  active: number;
  selectedRow: number | null;
  isMatch: Uint8Array | null;
  currentMatchRow: number;
  isHighlighted: Uint8Array | null;
  onFocusRow(position: number): void;
  onToggle(row: number): void;
  onSelect(row: number): void;
}

/**
 * The span rows' elements, in slot order so that scrolling never moves a DOM node. Memoized as a
 * whole: while they trail a fling nothing here changes, and React skips them in every frame.
 */
export const SpanRows = memo(function SpanRows(props: SpanRowsProps) {
  const { items, tree, skeleton, critical, selectedRow, isMatch, currentMatchRow, isHighlighted } = props;
  const bySlot = [...props.window].sort((a, b) => a.slot - b.slot);
  return bySlot.map((v) => {
    const row = items[v.index];
    const id = `${props.idPrefix}-${v.slot}`;
    const collapsed = tree.isCollapsed(row);
    return (
      <WaterfallRow
        key={id}
        id={id}
        position={v.index}
        top={v.start}
        focusable={v.index === props.active}
        onFocusRow={props.onFocusRow}
        skeleton={skeleton}
        critical={critical}
        row={row}
        collapsed={collapsed}
        foldedCount={collapsed ? tree.hiddenDescendants(row) : 0}
        errorFolded={collapsed && tree.errorBelow(row)}
        selected={row === selectedRow}
        match={isMatch?.[row] === 1}
        currentMatch={row === currentMatchRow}
        highlighted={isHighlighted?.[row] === 1}
        onToggle={props.onToggle}
        onSelect={props.onSelect}
      />
    );
  });
});

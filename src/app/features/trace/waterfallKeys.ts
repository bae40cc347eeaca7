/**
 * Treegrid keyboard model of the waterfall (WAI-ARIA treegrid pattern): arrows move between rows,
 * Right expands or steps into a span, Left collapses or steps out to the parent, Enter opens the
 * span's details. Pure: it answers with an action for the component to carry out.
 */
import type { TreeView } from '../../../core/tree/treeView';
import { DETAILS_ITEM, isHiddenItem, isSpanItem } from './displayItems';
import { nextRow } from './waterfallLayout';

export type WaterfallKeyAction =
  | { type: 'move'; position: number }
  | { type: 'toggle'; row: number }
  | { type: 'open'; row: number }
  | { type: 'showAll' };

function positionOfRow(items: Int32Array, row: number, before: number): number {
  for (let i = Math.min(before, items.length - 1); i >= 0; i--) if (items[i] === row) return i;
  return -1;
}

export function waterfallKeyAction(
  key: string,
  items: Int32Array,
  position: number,
  tree: TreeView,
  pageRows: number,
): WaterfallKeyAction | null {
  const item = items[position];
  if (item === undefined) return null;
  if (key === 'Enter' || key === ' ') {
    if (isSpanItem(item)) return { type: 'open', row: item };
    return isHiddenItem(item) ? { type: 'showAll' } : null;
  }
  if (key === 'ArrowRight' && isSpanItem(item) && tree.index.childCount[item] > 0) {
    return tree.isCollapsed(item)
      ? { type: 'toggle', row: item }
      : { type: 'move', position: Math.min(position + 1, items.length - 1) };
  }
  if (key === 'ArrowLeft' && isSpanItem(item)) {
    if (tree.index.childCount[item] > 0 && !tree.isCollapsed(item)) return { type: 'toggle', row: item };
    const parent = tree.index.parent[item];
    const at = parent >= 0 ? positionOfRow(items, parent, position) : -1;
    return at >= 0 ? { type: 'move', position: at } : null;
  }
  let target = nextRow(key, position, items.length, pageRows);
  if (target === null) return null;
  // The inline details are not a stop of their own: their controls are reached with Tab.
  if (items[target] === DETAILS_ITEM) {
    const step = target >= position ? 1 : -1;
    target = items[target + step] !== undefined ? target + step : position;
  }
  return { type: 'move', position: target };
}

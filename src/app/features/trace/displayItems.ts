/**
 * The waterfall's list items: span rows interleaved with "N spans hidden" rows and the inline
 * details of the open span. One Int32Array, rebuilt in O(visible rows) when the tree changes.
 */
import type { TreeView } from '../../../core/tree/treeView';

/** The inline details of the open span. */
export const DETAILS_ITEM = -1;
/** The spans hidden before the first visible row. */
export const HIDDEN_BEFORE_ITEM = -2;

/** Spans hidden between visible row `row` and the next visible row. */
export function hiddenAfterItem(row: number): number {
  return -3 - row;
}

export function isSpanItem(item: number): boolean {
  return item >= 0;
}

export function isHiddenItem(item: number): boolean {
  return item <= HIDDEN_BEFORE_ITEM;
}

/** The visible row a hidden-spans item follows, or -1 for HIDDEN_BEFORE_ITEM. */
export function rowBeforeHidden(item: number): number {
  return item === HIDDEN_BEFORE_ITEM ? -1 : -3 - item;
}

/**
 * `filtered` says whether any filter (services, matches, critical path) is on; without one no
 * span can be hidden, and the per-row gap count (an O(rows) allocation) is skipped.
 */
export function buildDisplayItems(
  tree: TreeView,
  inlineDetailsRow: number | null,
  filtered: boolean,
): Int32Array {
  const rows = tree.visibleRows();
  const gaps = filtered ? tree.hiddenAfter() : null;
  const before = filtered ? tree.hiddenBefore() : 0;
  let extra = before > 0 ? 1 : 0;
  if (gaps) for (let i = 0; i < gaps.length; i++) if (gaps[i] > 0) extra++;
  const open = inlineDetailsRow !== null && tree.positionOf(inlineDetailsRow) >= 0 ? inlineDetailsRow : -1;
  if (open >= 0) extra++;
  // Nothing hidden and nothing open (the common case): the visible rows are the items.
  if (extra === 0) return rows;
  const items = new Int32Array(rows.length + extra);
  let k = 0;
  if (before > 0) items[k++] = HIDDEN_BEFORE_ITEM;
  for (let i = 0; i < rows.length; i++) {
    items[k++] = rows[i];
    if (rows[i] === open) items[k++] = DETAILS_ITEM;
    if (gaps && gaps[i] > 0) items[k++] = hiddenAfterItem(rows[i]);
  }
  return items;
}

/** How many spans a hidden-spans item stands for. */
export function hiddenCountOf(tree: TreeView, item: number): number {
  if (item === HIDDEN_BEFORE_ITEM) return tree.hiddenBefore();
  const at = tree.positionOf(rowBeforeHidden(item));
  return at >= 0 ? tree.hiddenAfter()[at] : 0;
}

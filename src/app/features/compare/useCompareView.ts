/**
 * The comparison's view state lives in the URL next to Jaeger's `cohort`: the tab (`view`), the
 * selected node (`node`), the sort (`sort=-totalDelta`) and the filter (`show`). A shared link
 * reopens the same view; changes replace the history entry so Back leaves the comparison.
 */
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { SHOW_OPTIONS, SORT_KEYS, TREE_ORDER, type DiffSort, type ShowOption } from './table/diffRows';

export type CompareTab = 'table' | 'graph';

export interface CompareView {
  tab: CompareTab;
  node: number | null;
  sort: DiffSort;
  show: ShowOption;
}

function parseSort(text: string | null): DiffSort {
  if (!text) return TREE_ORDER;
  const descending = text.startsWith('-');
  const key = descending ? text.slice(1) : text;
  const known = SORT_KEYS.find((k) => k === key);
  return known ? { key: known, descending } : TREE_ORDER;
}

export function useCompareView(size: number): [CompareView, (change: Partial<CompareView>) => void] {
  const [params, setParams] = useSearchParams();
  // Stable while the sort stays the same, so that selecting a row does not re-sort the table.
  const sortText = params.get('sort');
  const sort = useMemo(() => parseSort(sortText), [sortText]);
  const view = useMemo((): CompareView => {
    const nodeText = params.get('node');
    const node = nodeText !== null && /^\d+$/.test(nodeText) ? Number(nodeText) : null;
    const show = SHOW_OPTIONS.find((s) => s === params.get('show')) ?? 'all';
    return {
      tab: params.get('view') === 'graph' ? 'graph' : 'table',
      node: node !== null && node < size ? node : null,
      sort,
      show,
    };
  }, [params, size, sort]);
  const update = useCallback(
    (change: Partial<CompareView>) =>
      setParams(
        (prev) => {
          const out = new URLSearchParams(prev);
          const put = (name: string, value: string | null) =>
            value === null ? out.delete(name) : out.set(name, value);
          if (change.tab !== undefined) put('view', change.tab === 'table' ? null : change.tab);
          if (change.node !== undefined) put('node', change.node === null ? null : String(change.node));
          if (change.show !== undefined) put('show', change.show === 'all' ? null : change.show);
          if (change.sort !== undefined) {
            const { key, descending } = change.sort;
            put('sort', key === 'tree' && !descending ? null : `${descending ? '-' : ''}${key}`);
          }
          return out;
        },
        { replace: true },
      ),
    [setParams],
  );
  return [view, update];
}

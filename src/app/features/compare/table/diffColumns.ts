/** The table's columns: what each shows and how it explains itself. */
import type { SortKey } from './diffRows';

export interface DiffColumn {
  /** What clicking the header sorts by; null for a column that does not sort. */
  sort: SortKey | null;
  id: string;
  label: string;
  /** Said by the header's tooltip: what the figure means. */
  description: string;
  numeric: boolean;
}

export const DIFF_COLUMNS: readonly DiffColumn[] = [
  {
    sort: 'operation',
    id: 'operation',
    label: 'Operation',
    description: 'Service and operation; the tree is the call path from the root.',
    numeric: false,
  },
  {
    sort: null,
    id: 'change',
    label: 'Change',
    description:
      'Added (only in B), removed (only in A), slower or faster (total time moved by 10% and by 1% of the trace), or same.',
    numeric: false,
  },
  {
    sort: 'countA',
    id: 'countA',
    label: 'Spans A',
    description: 'Spans on this path in trace A.',
    numeric: true,
  },
  {
    sort: 'countB',
    id: 'countB',
    label: 'Spans B',
    description: 'Spans on this path in trace B.',
    numeric: true,
  },
  {
    sort: 'totalA',
    id: 'totalA',
    label: 'Total A',
    description: 'Sum of the durations of those spans in A.',
    numeric: true,
  },
  {
    sort: 'totalB',
    id: 'totalB',
    label: 'Total B',
    description: 'Sum of the durations of those spans in B.',
    numeric: true,
  },
  {
    sort: 'totalDelta',
    id: 'totalDelta',
    label: 'Δ Total',
    description: 'Total B minus total A.',
    numeric: true,
  },
  {
    sort: 'totalPercent',
    id: 'totalPercent',
    label: 'Δ %',
    description: 'Change of the total relative to A; "new" when A had none.',
    numeric: true,
  },
  {
    sort: 'selfA',
    id: 'selfA',
    label: 'Self A',
    description: 'Time in A when these spans ran with none of their children running.',
    numeric: true,
  },
  {
    sort: 'selfB',
    id: 'selfB',
    label: 'Self B',
    description: 'Time in B when these spans ran with none of their children running.',
    numeric: true,
  },
  { sort: 'selfDelta', id: 'selfDelta', label: 'Δ Self', description: 'Self B minus self A.', numeric: true },
  {
    sort: 'contribution',
    id: 'contribution',
    label: 'Δ Critical',
    description:
      'Change in time on the critical path: this node’s own part of the end-to-end change. The column adds up to the change in critical-path length.',
    numeric: true,
  },
];

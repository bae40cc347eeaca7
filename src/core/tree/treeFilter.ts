/**
 * The two ways the waterfall filters spans: hiding services (a hidden service's spans go with
 * everything below them, as in Jaeger UI's service filter) and keeping only search matches
 * with their ancestors, so each match keeps the context of how it was reached.
 */
import type { TraceTree } from './traceIndex';

/** 1 for every row the service filter removes: a row of a hidden service and its subtree. */
export function prunedRows(index: TraceTree, serviceHidden: Uint8Array): Uint8Array {
  const { service, subtreeEnd } = index;
  const n = service.length;
  const pruned = new Uint8Array(n);
  let row = 0;
  while (row < n) {
    if (serviceHidden[service[row]] === 1) {
      pruned.fill(1, row, subtreeEnd[row]);
      row = subtreeEnd[row];
    } else row++;
  }
  return pruned;
}

/**
 * For each service, how many of its spans the service filter removes: its own spans when it
 * is hidden, and its spans that sit below a hidden service's span.
 */
export function prunedCountsByService(index: TraceTree, serviceHidden: Uint8Array): Int32Array {
  const { service, subtreeEnd } = index;
  const n = service.length;
  const counts = new Int32Array(index.services.length);
  let row = 0;
  while (row < n) {
    if (serviceHidden[service[row]] === 1) {
      const end = subtreeEnd[row];
      for (let r = row; r < end; r++) counts[service[r]]++;
      row = end;
    } else row++;
  }
  return counts;
}

/**
 * 1 for each match and each ancestor of a match. Matches the service filter removed are left
 * out, so their ancestors do not linger on screen with nothing under them. Climbing stops at
 * the first row already marked, so the cost is the number of rows marked, not matches × depth.
 */
export function matchPaths(
  index: TraceTree,
  matches: ArrayLike<number>,
  pruned: Uint8Array | null,
): Uint8Array {
  const { parent } = index;
  const onPath = new Uint8Array(parent.length);
  for (let i = 0; i < matches.length; i++) {
    let row = matches[i];
    if (row < 0 || row >= parent.length || (pruned !== null && pruned[row] === 1)) continue;
    while (row >= 0 && onPath[row] === 0) {
      onPath[row] = 1;
      row = parent[row];
    }
  }
  return onPath;
}

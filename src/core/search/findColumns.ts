/**
 * Per-trace data that makes "find" cheap to repeat while someone types: span and service
 * names lower-cased once (a text term then tests each distinct name once, instead of
 * lower-casing a string per span per keystroke), and the way from a span's place in memory
 * back to its row. Built on first use and kept for as long as the TraceIndex lives.
 */
import type { TraceTree } from '../tree/traceIndex';

export interface FindColumns {
  /** Indexed like TraceIndex.operations. */
  operationsLower: string[];
  /** Indexed like TraceIndex.services. */
  servicesLower: string[];
  /** Row of each span of `trace.spans`: the inverse of TraceIndex.inputIndex. */
  rowOfInput: Int32Array;
}

const cache = new WeakMap<TraceTree, FindColumns>();

export function findColumns(index: TraceTree): FindColumns {
  let columns = cache.get(index);
  if (!columns) {
    const rowOfInput = new Int32Array(index.inputIndex.length);
    for (let row = 0; row < rowOfInput.length; row++) rowOfInput[index.inputIndex[row]] = row;
    columns = {
      operationsLower: index.operations.map((name) => name.toLowerCase()),
      servicesLower: index.services.map((name) => name.toLowerCase()),
      rowOfInput,
    };
    cache.set(index, columns);
  }
  return columns;
}

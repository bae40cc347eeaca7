/**
 * Work that several requests about one trace share (self time for the statistics and the spans
 * table, sorted orders while someone filters), computed once per loaded trace. Keyed by the
 * trace index, so it goes with the trace when another one loads.
 */
import { selfTimes } from '../../../core/analysis/selfTime';
import type { TraceIndex } from '../../../core/tree/traceIndex';
import type { AnalysisContext } from './analysis';

export function perTrace<T>(make: (context: AnalysisContext) => T): (context: AnalysisContext) => T {
  const cache = new WeakMap<TraceIndex, T>();
  return (context) => {
    let value = cache.get(context.index);
    if (value === undefined) {
      value = make(context);
      cache.set(context.index, value);
    }
    return value;
  };
}

/** Self time of every span (the page gets a copy: this one stays for the next request). */
export const selfTimesOf = perTrace((context) => selfTimes(context.index));

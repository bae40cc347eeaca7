import { describe, expect, it } from 'vitest';
import { summarizeTrace } from '../trace/summary';
import { syntheticTrace } from '../testing/syntheticTrace';
import { buildTrace } from '../testing/traceBuilder';
import { summarizeIndex } from './indexSummary';
import { buildTraceIndex } from './traceIndex';

describe('summarizeIndex', () => {
  it('gives the same summary as summarizeTrace on a large realistic trace', () => {
    const trace = syntheticTrace(5_000, 3);
    expect(summarizeIndex(buildTraceIndex(trace))).toEqual(summarizeTrace(trace));
  });

  it('agrees on broken traces: orphans, ties for the root, no root at all, empty', () => {
    const traces = [
      // Two roots starting together: the first in input order wins, as in findRootSpan.
      buildTrace([
        { id: 'B', at: [0, 10], service: 'b' },
        { id: 'A', at: [0, 20], service: 'a', error: true },
        { id: 'O', parentSpanId: 'ffffffffffffffff', at: [-5, 1], service: 'o' },
      ]),
      // Every span has a parent (a cycle): the earliest span stands in for the root.
      buildTrace([
        { id: 'X', parent: 'Y', at: [3, 4] },
        { id: 'Y', parent: 'X', at: [1, 9] },
      ]),
      buildTrace([]),
    ];
    for (const trace of traces) expect(summarizeIndex(buildTraceIndex(trace))).toEqual(summarizeTrace(trace));
  });
});

import { describe, expect, it } from 'vitest';
import { buildTrace, spanIdOf } from '../testing/traceBuilder';
import { buildTraceIndex } from '../tree/traceIndex';
import { traceProblemMessages, traceProblems } from './traceWarnings';

describe('traceProblems', () => {
  it('finds nothing wrong with a healthy trace', () => {
    const index = buildTraceIndex(
      buildTrace([
        { id: 'A', at: [0, 100] },
        { id: 'B', parent: 'A', at: [10, 90] },
      ]),
    );
    const problems = traceProblems(index);
    expect(problems).toEqual({
      orphans: 0,
      duplicateIds: 0,
      cycles: 0,
      clockSkew: 0,
      childrenOutsideParent: 0,
      zeroDuration: 0,
    });
    expect(traceProblemMessages(problems)).toEqual([]);
  });

  it('counts every kind of problem', () => {
    /*
     * A   |0 ────────── 100|
     * B  |-5 ── 20|               starts before A: clock skew
     * C           |50 ────── 150| ends after A
     * Z        |30|               zero duration
     * O, O2                        parents missing
     * A'                           reuses A's ID
     * P ⇄ Q                        parent cycle
     */
    const index = buildTraceIndex(
      buildTrace([
        { id: 'A', at: [0, 100] },
        { id: 'B', parent: 'A', at: [-5, 20] },
        { id: 'C', parent: 'A', at: [50, 150] },
        { id: 'Z', parent: 'A', at: [30, 30] },
        { id: 'O', at: [1, 2], parentSpanId: 'ffffffffffffffff' },
        { id: 'O2', at: [1, 2], parentSpanId: 'fffffffffffffffe' },
        { id: 'A2', spanId: spanIdOf('A'), at: [3, 4] },
        { id: 'P', parent: 'Q', at: [5, 6] },
        { id: 'Q', parent: 'P', at: [5, 6] },
      ]),
    );
    expect(traceProblems(index)).toEqual({
      orphans: 2,
      duplicateIds: 1,
      cycles: 2,
      clockSkew: 1,
      childrenOutsideParent: 1,
      zeroDuration: 1,
    });
  });
});

describe('traceProblemMessages', () => {
  it('explains each problem and what the view did about it, most serious first', () => {
    const messages = traceProblemMessages({
      orphans: 3,
      duplicateIds: 1,
      cycles: 0,
      clockSkew: 2,
      childrenOutsideParent: 1200,
      zeroDuration: 1,
    });
    expect(messages.map((m) => m.kind)).toEqual([
      'duplicateIds',
      'orphans',
      'clockSkew',
      'childrenOutsideParent',
      'zeroDuration',
    ]);
    expect(messages[1]).toEqual({
      kind: 'orphans',
      count: 3,
      message: expect.stringMatching(
        /^3 spans reference a parent that is not in this trace; they are shown at the top level\./,
      ),
    });
    expect(messages[0].message).toMatch(/^1 span reuses a span ID/);
    expect(messages[2].message).toMatch(/^2 spans start before their parents do/);
    expect(messages[3].message).toMatch(/^1,200 spans end after their parents\. .*critical path/);
    expect(messages[4].message).toMatch(/^1 span has no duration/);
  });

  it('explains cycles', () => {
    const [cycle] = traceProblemMessages({
      orphans: 0,
      duplicateIds: 0,
      cycles: 4,
      clockSkew: 0,
      childrenOutsideParent: 0,
      zeroDuration: 0,
    });
    expect(cycle.message).toMatch(
      /^4 spans are on or below a loop of parent references.*cut at its earliest span/,
    );
  });
});

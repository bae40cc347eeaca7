import { describe, expect, it } from 'vitest';
import { ZERO_SPAN_ID } from '../../core/model/ids';
import type { Span } from '../../core/model/trace';
import { computeDependencies } from './dependencies';
import { makeResource, makeSpan } from './conformance/spans';
import type { DependencyLink } from './traceStore';

const frontend = makeResource('frontend');
const driver = makeResource('driver');
const redis = makeResource('redis');

function sorted(links: DependencyLink[]): DependencyLink[] {
  return [...links].sort((a, b) => `${a.parent}>${a.child}`.localeCompare(`${b.parent}>${b.child}`));
}

describe('computeDependencies', () => {
  it('links a parent service to its child service', () => {
    const trace = [
      makeSpan({ trace: 1, span: 1, resource: frontend }),
      makeSpan({ trace: 1, span: 2, parent: 1, resource: driver }),
    ];
    expect(computeDependencies([trace])).toEqual([{ parent: 'frontend', child: 'driver', callCount: 1 }]);
  });

  it('keeps self-edges', () => {
    const trace = [
      makeSpan({ trace: 1, span: 1, resource: frontend }),
      makeSpan({ trace: 1, span: 2, parent: 1, resource: frontend }),
    ];
    expect(computeDependencies([trace])).toEqual([{ parent: 'frontend', child: 'frontend', callCount: 1 }]);
  });

  it('finds a parent that comes later in the trace', () => {
    const trace = [
      makeSpan({ trace: 1, span: 2, parent: 1, resource: redis }),
      makeSpan({ trace: 1, span: 1, resource: driver }),
    ];
    expect(computeDependencies([trace])).toEqual([{ parent: 'driver', child: 'redis', callCount: 1 }]);
  });

  it('skips spans whose parent is not in the trace, and roots with an all-zero parent', () => {
    const orphan = makeSpan({ trace: 1, span: 2, parent: 7, resource: driver });
    const zeroRoot: Span = {
      ...makeSpan({ trace: 1, span: 3, resource: redis }),
      parentSpanId: ZERO_SPAN_ID,
    };
    expect(computeDependencies([[orphan, zeroRoot]])).toEqual([]);
  });

  it('never looks for a parent in another trace', () => {
    const first = [makeSpan({ trace: 1, span: 1, resource: frontend })];
    const second = [makeSpan({ trace: 2, span: 2, parent: 1, resource: driver })];
    expect(computeDependencies([first, second])).toEqual([]);
  });

  it('resolves a duplicated span ID to its first span', () => {
    const trace = [
      makeSpan({ trace: 1, span: 1, resource: frontend }),
      makeSpan({ trace: 1, span: 1, resource: driver }),
      makeSpan({ trace: 1, span: 2, parent: 1, resource: redis }),
    ];
    expect(computeDependencies([trace])).toEqual([{ parent: 'frontend', child: 'redis', callCount: 1 }]);
  });

  it('sums calls per pair across traces', () => {
    const call = (trace: number) => [
      makeSpan({ trace, span: 1, resource: frontend }),
      makeSpan({ trace, span: 2, parent: 1, resource: driver }),
      makeSpan({ trace, span: 3, parent: 2, resource: redis }),
      makeSpan({ trace, span: 4, parent: 2, resource: redis }),
    ];
    expect(sorted(computeDependencies([call(1), call(2)]))).toEqual([
      { parent: 'driver', child: 'redis', callCount: 4 },
      { parent: 'frontend', child: 'driver', callCount: 2 },
    ]);
  });
});

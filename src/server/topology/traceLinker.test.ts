import { describe, expect, it } from 'vitest';
import type { Span } from '../../core/model/trace';
import { makeResource, makeSpan } from '../storage/conformance/spans';
import { TraceLinker, type TraceLinkerOptions } from './traceLinker';

const resource = makeResource('svc');
const options: TraceLinkerOptions = { traceTtlMs: 60_000, maxTraces: 100, maxSpansPerTrace: 1000 };

/** A linker whose calls are listed as "parent service → child span ID". */
function linker(opts: TraceLinkerOptions = options) {
  const calls: string[] = [];
  const l = new TraceLinker(opts, (parent, child) => calls.push(`${parent}→${child.spanId}`));
  const add = (spans: Span[], services: number[]) => l.add(spans, services, 0);
  return { calls, add };
}

const span = (id: number, parent?: number) => makeSpan({ trace: 1, span: id, parent, resource });
const sid = (id: number) => span(id).spanId;

describe('TraceLinker', () => {
  it('resolves parents in traces past the size kept in a list, in any batch order', () => {
    const { calls, add } = linker();
    // Span i (1…40) has service i and parent i - 1; children come before their parents.
    const spans = Array.from({ length: 40 }, (_, i) => span(40 - i, 40 - i - 1 || undefined));
    add(
      spans.slice(0, 20),
      Array.from({ length: 20 }, (_, i) => 40 - i),
    );
    expect(calls).toHaveLength(19);
    add(
      spans.slice(20),
      Array.from({ length: 20 }, (_, i) => 20 - i),
    );
    expect(calls).toHaveLength(39);
    expect([...calls].sort()).toEqual(Array.from({ length: 39 }, (_, i) => `${i + 1}→${sid(i + 2)}`).sort());
  });

  it('keeps the first service seen for a span ID, small trace or large', () => {
    for (const size of [3, 30]) {
      const { calls, add } = linker();
      const first = Array.from({ length: size }, (_, i) => span(i + 1));
      add(
        first,
        first.map(() => 7),
      );
      // The same IDs again from another service, then a child of the last one.
      add(
        first,
        first.map(() => 8),
      );
      add([span(size + 1, size)], [9]);
      expect(calls).toEqual([`7→${sid(size + 1)}`]);
    }
  });

  it('remembers at most maxSpansPerTrace span IDs, below and above the list size', () => {
    for (const max of [4, 20]) {
      const { calls, add } = linker({ ...options, maxSpansPerTrace: max });
      const spans = Array.from({ length: max + 2 }, (_, i) => span(i + 1));
      add(
        spans,
        spans.map((_, i) => i + 1),
      );
      add([span(100, max), span(101, max + 1)], [0, 0]);
      // The parent past the limit was not remembered: its child waits.
      expect(calls).toEqual([`${max}→${sid(100)}`]);
    }
  });
});

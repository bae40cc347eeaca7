/**
 * Names and attributes of the events on screen, asked of the trace worker as they scroll into
 * view and kept while the view is open: the page never holds the text of a million events, and
 * the worker decodes only the spans whose events are shown.
 */
import { useEffect, useRef, useState } from 'react';
import type { EventTexts } from '../../../../workers/analyses/eventTextsAnalysis';
import type { TraceSkeleton } from '../../../../workers/traceModel';
import { useTraceView } from '../../state/traceViewStore';

export interface EventText {
  name: string;
  attributes: string;
}

/** `wanted`: event numbers (row by row, as the skeleton numbers them) to have text for. */
export function useEventTexts(
  skeleton: TraceSkeleton,
  rowOf: Int32Array,
  wanted: readonly number[],
): ReadonlyMap<number, EventText> {
  const handle = useTraceView((s) => s.handle);
  const [texts, setTexts] = useState<ReadonlyMap<number, EventText>>(new Map());
  const requested = useRef(new Set<number>());
  useEffect(() => {
    const missing = wanted.filter((e) => !requested.current.has(e));
    if (missing.length === 0) return;
    for (const e of missing) requested.current.add(e);
    const rows = missing.map((e) => rowOf[e]);
    const indexes = missing.map((e, i) => e - skeleton.eventOffsets[rows[i]]);
    handle.analyse('eventTexts', { rows, indexes }).then(
      (answer: EventTexts) =>
        setTexts((known) => {
          const next = new Map(known);
          missing.forEach((e, i) => next.set(e, { name: answer.names[i], attributes: answer.attributes[i] }));
          return next;
        }),
      () => {
        for (const e of missing) requested.current.delete(e);
      },
    );
  }, [handle, skeleton, rowOf, wanted]);
  return texts;
}

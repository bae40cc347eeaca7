/**
 * Lines of a JSON document held by the trace worker, fetched in chunks around what is on screen
 * and kept while the document is shown. Scrolling a 2-million-line document asks for a few
 * hundred lines at a time; nothing else of it ever reaches the page.
 */
import { useEffect, useRef, useState } from 'react';
import type { JsonLine } from '../../../../../core/analysis/jsonLines';
import type { JsonSource } from '../../../../workers/analyses/jsonAnalysis';
import { useTraceView } from '../../state/traceViewStore';

export const CHUNK_LINES = 256;

/**
 * `lineCount` is how many lines are known so far; with `complete` false, a chunk is asked for
 * only once all its lines are known, so no chunk is kept half empty.
 */
export function useJsonLines(
  source: JsonSource,
  lineCount: number | null,
  complete: boolean,
  first: number,
  last: number,
) {
  const handle = useTraceView((s) => s.handle);
  const [chunks, setChunks] = useState<{ source: JsonSource; lines: ReadonlyMap<number, JsonLine[]> }>({
    source,
    lines: new Map(),
  });
  const requested = useRef({ source, chunks: new Set<number>() });

  useEffect(() => {
    if (lineCount === null || lineCount === 0) return;
    if (requested.current.source !== source) requested.current = { source, chunks: new Set() };
    const wanted = requested.current;
    const from = Math.floor(Math.max(0, first) / CHUNK_LINES);
    const to = Math.floor(Math.min(lineCount - 1, Math.max(first, last)) / CHUNK_LINES);
    for (let chunk = from; chunk <= to; chunk++) {
      if (wanted.chunks.has(chunk) || (!complete && (chunk + 1) * CHUNK_LINES > lineCount)) continue;
      wanted.chunks.add(chunk);
      const start = chunk * CHUNK_LINES;
      handle.analyse('jsonLines', { source, from: start, to: start + CHUNK_LINES }).then(
        (lines) =>
          setChunks((c) => {
            const base = c.source === source ? c.lines : new Map<number, JsonLine[]>();
            return { source, lines: new Map(base).set(chunk, lines) };
          }),
        () => wanted.chunks.delete(chunk),
      );
    }
  }, [handle, source, lineCount, complete, first, last]);

  const lines = chunks.source === source ? chunks.lines : null;
  return (line: number): JsonLine | null =>
    lines?.get(Math.floor(line / CHUNK_LINES))?.[line % CHUNK_LINES] ?? null;
}

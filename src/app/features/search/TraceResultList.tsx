import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useRef } from 'react';
import { useNow } from './relativeTime';
import type { ResultRow } from './resultRows';
import { TraceResultItem } from './TraceResultItem';

/** Every card has the same height (services beyond five are summed up), so rows need no measuring. */
export const RESULT_ROW_HEIGHT = 96;
const ROW_GAP = 8;

interface TraceResultListProps {
  rows: readonly ResultRow[];
  selected: ReadonlySet<string>;
  onToggleSelected?: (traceId: string) => void;
}

/** The result cards, virtualized: 1,500 results keep only the dozen on screen in the DOM. */
export function TraceResultList({ rows, selected, onToggleSelected }: TraceResultListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const nowMs = useNow();
  const getItemKey = useCallback((index: number) => rows[index].summary.traceId, [rows]);
  const longestUs = rows.reduce((max, r) => Math.max(max, r.summary.durationUs), 0);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer's methods are not memoizable; nothing relies on it
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => RESULT_ROW_HEIGHT + ROW_GAP,
    getItemKey,
    overscan: 6,
  });

  return (
    <div ref={scrollRef} className="results__scroll" tabIndex={-1}>
      <ol className="results__list" aria-label="Traces" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          return (
            <TraceResultItem
              key={item.key}
              row={row}
              longestUs={longestUs}
              nowMs={nowMs}
              selected={selected.has(row.summary.traceId)}
              onToggleSelected={onToggleSelected}
              position={item.index + 1}
              setSize={rows.length}
              top={item.start}
              height={RESULT_ROW_HEIGHT}
            />
          );
        })}
      </ol>
    </div>
  );
}

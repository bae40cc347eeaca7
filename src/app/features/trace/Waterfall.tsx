import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { isErrorSpan } from '../../../core/model/trace';
import type { TraceIndex } from '../../../core/tree/traceIndex';
import { serviceColorOf } from '../../theme/servicePalette';
import { TimeRuler } from './TimeRuler';
import { nextRow, ROW_HEIGHT } from './waterfallLayout';
import { WaterfallRow } from './WaterfallRow';

/**
 * The span waterfall: one row per span in the index's display order. Only the rows on screen
 * (plus a small overscan) are in the DOM, so 100k spans cost the same to render as 100.
 * Keyboard: one row is tabbable; arrows, Page Up/Down, Home and End move between rows.
 */
export function Waterfall({ index }: { index: TraceIndex }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const count = index.spans.length;
  const [activeRow, setActiveRow] = useState(0);
  // Set by keyboard navigation only, so rendering never steals focus from elsewhere.
  const pendingFocus = useRef<number | null>(null);

  const colors = useMemo(() => index.services.map(serviceColorOf), [index]);

  // useVirtualizer hands back an object whose methods change under React's feet, so the React
  // Compiler lint flags it; nothing here relies on compiler memoization of its results.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  useEffect(() => {
    if (pendingFocus.current === null) return;
    const row = scrollRef.current?.querySelector<HTMLElement>(`[data-row="${pendingFocus.current}"]`);
    if (row) {
      row.focus({ preventScroll: true });
      pendingFocus.current = null;
    }
  });

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const pageRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 0) / ROW_HEIGHT) - 1);
    const target = nextRow(event.key, activeRow, count, pageRows);
    if (target === null || count === 0) return;
    event.preventDefault();
    pendingFocus.current = target;
    setActiveRow(target);
    virtualizer.scrollToIndex(target, { align: 'auto' });
  };

  const onFocusRow = useCallback((row: number) => setActiveRow(row), []);

  return (
    <div
      className="waterfall"
      role="treegrid"
      aria-label="Spans"
      aria-rowcount={count + 1}
      aria-colcount={2}
      aria-readonly="true"
    >
      <div role="rowgroup" className="waterfall__head">
        <div role="row" className="wf-row wf-row--head" aria-rowindex={1}>
          <div role="columnheader" className="wf-row__name">
            Service &amp; operation
          </div>
          <div role="columnheader" className="wf-row__timeline">
            <TimeRuler traceDurationUs={index.traceDurationUs} />
          </div>
        </div>
      </div>
      <div className="waterfall__scroll" ref={scrollRef} onKeyDown={onKeyDown}>
        <div role="rowgroup" className="waterfall__rows" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = item.index;
            const span = index.spans[row];
            const serviceIndex = index.service[row];
            return (
              <WaterfallRow
                key={item.key}
                row={row}
                top={item.start}
                span={span}
                depth={index.depth[row]}
                service={index.services[serviceIndex]}
                color={colors[serviceIndex]}
                startUs={index.startUs[row]}
                durationUs={index.durationUs[row]}
                traceDurationUs={index.traceDurationUs}
                isError={isErrorSpan(span)}
                focusable={row === Math.min(activeRow, count - 1)}
                onFocusRow={onFocusRow}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}

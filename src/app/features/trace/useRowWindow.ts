/**
 * Windowing for the waterfall: which rows of a long list are on screen. Rows have one fixed
 * height, except at most one taller item (the inline span details), so every position is
 * arithmetic and nothing is allocated per row. @tanstack/react-virtual, which the waterfall used
 * first, builds a measurement object per item whenever the list changes: at 100k spans that was
 * 15–40 ms and a GC spike on every collapse or filter, and it grows linearly toward a million.
 */
import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';

export interface RowWindowOptions {
  count: number;
  rowHeight: number;
  /** Rows rendered beyond each edge of the viewport, so fast scrolling does not show gaps. */
  overscan: number;
  /** Position of the one item taller than a row, or -1. */
  tallIndex: number;
  /** Its height before it has been measured. */
  tallEstimate: number;
}

export interface WindowedRow {
  index: number;
  /** Offset from the top of the list, in pixels. */
  start: number;
  /**
   * index mod slotCount: the window is never longer than slotCount, so no two rows on screen share
   * a slot, and a row that scrolls in takes the slot of one that scrolled out. Keying elements by
   * slot lets scrolling update existing DOM rows instead of unmounting and mounting them.
   */
  slot: number;
}

export function useRowWindow({ count, rowHeight, overscan, tallIndex, tallEstimate }: RowWindowOptions) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState({ top: 0, height: 0 });
  const [measuredTall, setMeasuredTall] = useState<number | null>(null);
  const tallHeight = tallIndex >= 0 ? (measuredTall ?? tallEstimate) : rowHeight;
  const extra = tallIndex >= 0 ? tallHeight - rowHeight : 0;

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const read = () =>
      setViewport((v) =>
        v.top === el.scrollTop && v.height === el.clientHeight
          ? v
          : { top: el.scrollTop, height: el.clientHeight },
      );
    read();
    // Chromium dispatches scroll events in the animation frame, before style, layout and paint:
    // rendering the new rows right there shows them in that frame. Left to the scheduler, React
    // rendered them in a task after it, so each step painted twice and showed empty space first.
    const onScroll = () => flushSync(read);
    el.addEventListener('scroll', onScroll, { passive: true });
    const resize = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(read);
    resize?.observe(el);
    return () => {
      el.removeEventListener('scroll', onScroll);
      resize?.disconnect();
    };
  }, []);

  const offsetOf = useCallback(
    (i: number) => i * rowHeight + (tallIndex >= 0 && i > tallIndex ? extra : 0),
    [rowHeight, tallIndex, extra],
  );
  const sizeOf = (i: number) => (i === tallIndex ? tallHeight : rowHeight);
  const indexAt = (y: number) => {
    if (tallIndex < 0 || y < tallIndex * rowHeight) return Math.floor(y / rowHeight);
    if (y < tallIndex * rowHeight + tallHeight) return tallIndex;
    return tallIndex + 1 + Math.floor((y - tallIndex * rowHeight - tallHeight) / rowHeight);
  };

  const last = count - 1;
  const first = Math.max(0, Math.min(last, indexAt(viewport.top)));
  const end = Math.max(0, Math.min(last, indexAt(viewport.top + Math.max(viewport.height, rowHeight) - 1)));
  // A window of constant length whatever the scroll offset (a partly shown row at the top adds one
  // at the bottom), so its length can be the number of slots. Every item is at least a row tall,
  // so it covers the viewport.
  const rowsPerViewport = Math.ceil(Math.max(viewport.height, rowHeight) / rowHeight) + 1;
  const slotCount = rowsPerViewport + 2 * overscan;
  const rows: WindowedRow[] = [];
  if (count > 0) {
    const to = Math.min(last, Math.max(end, first + rowsPerViewport - 1) + overscan);
    for (let i = Math.max(0, to - slotCount + 1, first - overscan); i <= to; i++)
      rows.push({ index: i, start: offsetOf(i), slot: i % slotCount });
  }

  const scrollToIndex = useCallback(
    (i: number, align: 'auto' | 'center') => {
      const el = scrollRef.current;
      if (!el || i < 0 || i >= count) return;
      const top = offsetOf(i);
      const size = i === tallIndex ? tallHeight : rowHeight;
      if (align === 'center') el.scrollTop = Math.max(0, top - (el.clientHeight - size) / 2);
      else if (top < el.scrollTop) el.scrollTop = top;
      else if (top + size > el.scrollTop + el.clientHeight) el.scrollTop = top + size - el.clientHeight;
    },
    [count, offsetOf, tallIndex, tallHeight, rowHeight],
  );

  const measureTall = useCallback((el: HTMLElement | null) => {
    if (!el) return;
    const read = () => setMeasuredTall(el.offsetHeight || null);
    read();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(read);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  return {
    scrollRef,
    rows,
    slotCount,
    totalHeight: count * rowHeight + extra,
    /** Items actually on screen (no overscan). */
    visible: count > 0 ? { first, last: end } : null,
    scrollToIndex,
    measureTall,
    sizeOf,
  };
}

/**
 * Windowing for the waterfall: which rows of a long list are on screen. Rows have one fixed
 * height, except at most one taller item (the inline span details), so every position is
 * arithmetic and nothing is allocated per row. @tanstack/react-virtual, which the waterfall used
 * first, builds a measurement object per item whenever the list changes: at 100k spans that was
 * 15–40 ms and a GC spike on every collapse or filter, and it grows linearly toward a million.
 */
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
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
  /**
   * When the rows' elements only carry what something else draws (the waterfall's canvases), they
   * may trail a continuous scroll: `settledRows` then follows `rows` once the scrolling pauses
   * (SETTLE_MS), when the pointer moves or a key is pressed in the list, and at once for scrolls
   * the list makes itself (scrollToIndex). Otherwise `settledRows` is `rows`.
   */
  settleWhileScrolling?: boolean;
}

/** A scroll that pauses this long lets trailing rows catch up (a wheel sends a step every ~16 ms). */
export const SETTLE_MS = 90;

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

interface ListGeometry {
  count: number;
  rowHeight: number;
  overscan: number;
  tallIndex: number;
  tallHeight: number;
  viewportHeight: number;
}

const offsetIn = (g: ListGeometry, i: number) =>
  i * g.rowHeight + (g.tallIndex >= 0 && i > g.tallIndex ? g.tallHeight - g.rowHeight : 0);

function indexIn(g: ListGeometry, y: number): number {
  const { tallIndex, rowHeight, tallHeight } = g;
  if (tallIndex < 0 || y < tallIndex * rowHeight) return Math.floor(y / rowHeight);
  if (y < tallIndex * rowHeight + tallHeight) return tallIndex;
  return tallIndex + 1 + Math.floor((y - tallIndex * rowHeight - tallHeight) / rowHeight);
}

/**
 * A window of constant length whatever the scroll offset (a partly shown row at the top adds one at
 * the bottom), so its length can be the number of slots. Every item is at least a row tall, so it
 * covers the viewport.
 */
const rowsPerViewport = (g: ListGeometry) =>
  Math.ceil(Math.max(g.viewportHeight, g.rowHeight) / g.rowHeight) + 1;
const slotCountOf = (g: ListGeometry) => rowsPerViewport(g) + 2 * g.overscan;

/** The rows to render with the list scrolled to `top`. */
function windowAt(g: ListGeometry, top: number): WindowedRow[] {
  const rows: WindowedRow[] = [];
  if (g.count === 0) return rows;
  const last = g.count - 1;
  const slotCount = slotCountOf(g);
  const from = Math.max(0, Math.min(last, indexIn(g, top)));
  const end = indexIn(g, top + Math.max(g.viewportHeight, g.rowHeight) - 1);
  const to = Math.min(last, Math.max(end, from + rowsPerViewport(g) - 1) + g.overscan);
  for (let i = Math.max(0, to - slotCount + 1, from - g.overscan); i <= to; i++)
    rows.push({ index: i, start: offsetIn(g, i), slot: i % slotCount });
  return rows;
}

interface Viewport {
  top: number;
  height: number;
  /** The scroll offset the settled rows are for. */
  settledTop: number;
}

export function useRowWindow({
  count,
  rowHeight,
  overscan,
  tallIndex,
  tallEstimate,
  settleWhileScrolling = false,
}: RowWindowOptions) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState<Viewport>({ top: 0, height: 0, settledTop: 0 });
  /** Set by scrollToIndex: the scroll it causes settles the rows at once (focus may follow it). */
  const settleNextScroll = useRef(false);
  const [measuredTall, setMeasuredTall] = useState<number | null>(null);
  const tallHeight = tallIndex >= 0 ? (measuredTall ?? tallEstimate) : rowHeight;
  const extra = tallIndex >= 0 ? tallHeight - rowHeight : 0;

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    let settleTimer: ReturnType<typeof setTimeout> | undefined;
    let trailing = false;
    const read = () => {
      clearTimeout(settleTimer);
      trailing = false;
      setViewport((v) =>
        v.top === el.scrollTop && v.height === el.clientHeight && v.settledTop === el.scrollTop
          ? v
          : { top: el.scrollTop, height: el.clientHeight, settledTop: el.scrollTop },
      );
    };
    const settle = () => {
      clearTimeout(settleTimer);
      trailing = false;
      setViewport((v) => (v.settledTop === v.top ? v : { ...v, settledTop: v.top }));
    };
    read();
    // Chromium dispatches scroll events in the animation frame, before style, layout and paint:
    // rendering the new rows right there shows them in that frame. Left to the scheduler, React
    // rendered them in a task after it, so each step painted twice and showed empty space first.
    const onScroll = () => {
      const now = !settleWhileScrolling || settleNextScroll.current;
      settleNextScroll.current = false;
      if (now) return flushSync(read);
      flushSync(() => setViewport((v) => (v.top === el.scrollTop ? v : { ...v, top: el.scrollTop })));
      clearTimeout(settleTimer);
      trailing = true;
      settleTimer = setTimeout(settle, SETTLE_MS);
    };
    // Before the pointer or a key acts on a row, that row's element must be there.
    const settleNow = () => {
      if (trailing) flushSync(settle);
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    const interactions = ['pointermove', 'pointerdown', 'keydown', 'focusin'] as const;
    if (settleWhileScrolling)
      for (const type of interactions) el.addEventListener(type, settleNow, { capture: true, passive: true });
    const resize = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(read);
    resize?.observe(el);
    return () => {
      clearTimeout(settleTimer);
      el.removeEventListener('scroll', onScroll);
      for (const type of interactions) el.removeEventListener(type, settleNow, { capture: true });
      resize?.disconnect();
    };
  }, [settleWhileScrolling]);

  const geometry = useMemo<ListGeometry>(
    () => ({ count, rowHeight, overscan, tallIndex, tallHeight, viewportHeight: viewport.height }),
    [count, rowHeight, overscan, tallIndex, tallHeight, viewport.height],
  );
  const offsetOf = useCallback((i: number) => offsetIn(geometry, i), [geometry]);
  const sizeOf = (i: number) => (i === tallIndex ? tallHeight : rowHeight);
  // The same arrays while their offsets stay, so trailing rows' elements are not rebuilt each step.
  const settledRows = useMemo(() => windowAt(geometry, viewport.settledTop), [geometry, viewport.settledTop]);
  const rows = useMemo(
    () => (viewport.top === viewport.settledTop ? settledRows : windowAt(geometry, viewport.top)),
    [geometry, viewport.top, viewport.settledTop, settledRows],
  );
  const last = count - 1;
  const first = Math.max(0, Math.min(last, indexIn(geometry, viewport.top)));
  const end = Math.max(
    0,
    Math.min(last, indexIn(geometry, viewport.top + Math.max(viewport.height, rowHeight) - 1)),
  );

  const scrollToIndex = useCallback(
    (i: number, align: 'auto' | 'center') => {
      const el = scrollRef.current;
      if (!el || i < 0 || i >= count) return;
      const top = offsetOf(i);
      const size = i === tallIndex ? tallHeight : rowHeight;
      let to = el.scrollTop;
      if (align === 'center') to = Math.max(0, top - (el.clientHeight - size) / 2);
      else if (top < el.scrollTop) to = top;
      else if (top + size > el.scrollTop + el.clientHeight) to = top + size - el.clientHeight;
      if (to === el.scrollTop) return;
      settleNextScroll.current = true;
      el.scrollTop = to;
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
    /** The rows whose elements are rendered (see settleWhileScrolling). */
    settledRows,
    slotCount: slotCountOf(geometry),
    totalHeight: count * rowHeight + extra,
    /** Items actually on screen (no overscan). */
    visible: count > 0 ? { first, last: end } : null,
    scrollToIndex,
    measureTall,
    sizeOf,
  };
}

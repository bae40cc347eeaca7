/**
 * Press, drag and release across a chart to pick a time range; a press and release that barely
 * moves stays a click on the point under the pointer. Escape, or releasing the button outside
 * the chart, cancels the drag.
 *
 * Driven by the chart's own mouse handlers: their state names the point under the pointer (for a
 * click), and `timeAt` turns the pointer's x into a time on the chart's axis (for a range, which
 * need not start or end on a point: after the first traffic a chart may have only one).
 */
import { useEffect, useRef, useState, type MouseEvent } from 'react';
import type { MouseHandlerDataParam } from 'recharts';

/** A press that moves less than this (px) is a click. */
export const MIN_DRAG_PX = 5;

/** The selection band: times (epoch ms) in the order they were dragged. */
export interface BrushBand {
  from: number;
  to: number;
}

interface Press extends BrushBand {
  /** The point under the pointer when pressed, for a click. */
  index: number | null;
  clientX: number;
  moved: boolean;
}

function pointIndex(state: MouseHandlerDataParam): number | null {
  const index = Number(state.activeTooltipIndex ?? state.activeIndex);
  return Number.isInteger(index) && index >= 0 ? index : null;
}

export interface ChartBrushHandlers {
  onMouseDown(state: MouseHandlerDataParam, event: MouseEvent): void;
  onMouseMove(state: MouseHandlerDataParam, event: MouseEvent): void;
  onMouseUp(state: MouseHandlerDataParam, event: MouseEvent): void;
}

export function useChartBrush(
  timeAt: (event: MouseEvent) => number | null,
  onPoint: (index: number) => void,
  onRange: (fromMs: number, toMs: number) => void,
): { band: BrushBand | null; handlers: ChartBrushHandlers } {
  const press = useRef<Press | null>(null);
  const [band, setBand] = useState<BrushBand | null>(null);
  const dragging = band !== null;

  useEffect(() => {
    if (!dragging) return;
    const cancel = () => {
      press.current = null;
      setBand(null);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') cancel();
    };
    // A release inside the chart has already been handled (React listens below the window).
    window.addEventListener('keydown', onKey);
    window.addEventListener('mouseup', cancel);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('mouseup', cancel);
    };
  }, [dragging]);

  const handlers: ChartBrushHandlers = {
    onMouseDown(state, event) {
      if (event.button !== 0) return;
      // Before the axis is laid out there is no time under the pointer: then only a click works.
      const at = timeAt(event) ?? Number.NaN;
      press.current = { from: at, to: at, index: pointIndex(state), clientX: event.clientX, moved: false };
    },
    onMouseMove(_state, event) {
      const current = press.current;
      if (!current) return;
      current.to = timeAt(event) ?? current.to;
      if (Math.abs(event.clientX - current.clientX) >= MIN_DRAG_PX) current.moved = true;
      if (current.moved && Number.isFinite(current.from)) setBand({ from: current.from, to: current.to });
    },
    onMouseUp(_state, event) {
      const current = press.current;
      if (!current) return;
      press.current = null;
      setBand(null);
      const to = timeAt(event) ?? current.to;
      const moved = current.moved || Math.abs(event.clientX - current.clientX) >= MIN_DRAG_PX;
      if (!moved && current.index !== null) onPoint(current.index);
      else if (moved && Number.isFinite(current.from) && Number.isFinite(to)) onRange(current.from, to);
    },
  };
  return { band, handlers };
}

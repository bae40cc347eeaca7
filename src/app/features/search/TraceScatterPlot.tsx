import { memo, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { formatDuration } from '../../format/duration';
import { traceName } from './resultRows';
import type { ResultRow } from './resultRows';
import { ScatterCanvas } from './ScatterCanvas';
import { ScatterFrame } from './ScatterFrame';
import {
  dayAndTime,
  hitTest,
  pixelPositions,
  SCATTER_HEIGHT,
  scatterDomains,
  scatterPoints,
  type ScatterFrameGeometry,
} from './scatterModel';
import { useElementWidth } from './useElementWidth';

/** A drag shorter than this is a click, not a range. */
const MIN_DRAG_PX = 6;

interface TraceScatterPlotProps {
  rows: readonly ResultRow[];
  onOpen(traceId: string): void;
  /** A dragged time range, epoch µs. */
  onSelectRange(startUs: number, endUs: number): void;
}

const plural = (n: number, one: string) => `${n} ${n === 1 ? one : `${one}s`}`;

/**
 * Start time against duration, dot area by span count, errors in the danger colour. Hover a dot
 * (or focus the plot and use the arrow keys) for its trace; click it (or press Enter) to open the
 * trace; drag across the plot to search that time range.
 */
export const TraceScatterPlot = memo(function TraceScatterPlot({
  rows,
  onOpen,
  onSelectRange,
}: TraceScatterPlotProps) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const width = useElementWidth(wrapRef);
  const [geometry, setGeometry] = useState<ScatterFrameGeometry | null>(null);
  const [drag, setDrag] = useState<{ from: number; to: number } | null>(null);
  const [active, setActive] = useState<number | null>(null);
  const points = useMemo(() => scatterPoints(rows), [rows]);
  const domains = useMemo(() => scatterDomains(points), [points]);
  const xy = useMemo(
    () => (geometry ? pixelPositions(points, geometry) : new Float64Array(0)),
    [points, geometry],
  );
  // A new result set keeps no hover from the old one.
  const [seen, setSeen] = useState(points);
  if (seen !== points) {
    setSeen(points);
    setActive(null);
  }

  const local = (event: PointerEvent) => {
    const box = wrapRef.current?.getBoundingClientRect();
    return { x: event.clientX - (box?.left ?? 0), y: event.clientY - (box?.top ?? 0) };
  };
  const clampX = (x: number) =>
    geometry ? Math.min(Math.max(x, geometry.plot.x), geometry.plot.x + geometry.plot.width) : x;
  const toUs = (x: number) => {
    if (!geometry) return 0;
    const t = (x - geometry.plot.x) / geometry.plot.width;
    return (domains.x[0] + t * (domains.x[1] - domains.x[0])) * 1000;
  };
  const under = (event: PointerEvent) => {
    const { x, y } = local(event);
    return geometry ? hitTest(points, xy, x, y) : null;
  };

  function pointerDown(event: PointerEvent<HTMLDivElement>) {
    if (event.button !== 0 || !geometry || under(event) !== null) return;
    try {
      // Keeps the drag alive when the pointer leaves the plot.
      event.currentTarget.setPointerCapture(event.pointerId);
    } catch {
      // A synthetic pointer cannot be captured; the drag still works inside the plot.
    }
    const x = clampX(local(event).x);
    setActive(null);
    setDrag({ from: x, to: x });
  }
  function pointerMove(event: PointerEvent<HTMLDivElement>) {
    if (drag) {
      const x = clampX(local(event).x);
      setDrag((d) => (d ? { from: d.from, to: x } : d));
      return;
    }
    setActive(under(event));
  }
  function pointerUp(event: PointerEvent<HTMLDivElement>) {
    if (!drag) {
      const hit = under(event);
      if (hit !== null && event.button === 0) onOpen(points[hit].row.summary.traceId);
      return;
    }
    const to = clampX(local(event).x);
    setDrag(null);
    const [a, b] = drag.from < to ? [drag.from, to] : [to, drag.from];
    if (b - a >= MIN_DRAG_PX) onSelectRange(Math.floor(toUs(a)), Math.ceil(toUs(b)));
  }
  function keyDown(event: KeyboardEvent<HTMLDivElement>) {
    const last = points.length - 1;
    const moves: Record<string, () => number> = {
      ArrowRight: () => (active === null ? 0 : Math.min(active + 1, last)),
      ArrowLeft: () => (active === null ? last : Math.max(active - 1, 0)),
      Home: () => 0,
      End: () => last,
    };
    if (event.key in moves && points.length > 0) {
      event.preventDefault();
      setActive(moves[event.key]());
    } else if (event.key === 'Enter' && active !== null) {
      onOpen(points[active].row.summary.traceId);
    } else if (event.key === 'Escape') {
      setActive(null);
    }
  }

  const point = active !== null ? points[active] : undefined;
  const summary = point?.row.summary;
  const at =
    active !== null && xy.length ? { left: xy[active * 2], top: xy[active * 2 + 1] - (point?.r ?? 0) } : null;
  const description = summary
    ? `${traceName(summary)}, ${formatDuration(summary.durationUs)}, ${plural(summary.spanCount, 'span')}` +
      `${summary.errorCount ? `, ${plural(summary.errorCount, 'error')}` : ''}, ${dayAndTime.format(new Date(point!.x))}`
    : '';

  return (
    <figure className="scatter" aria-label="Traces by start time and duration">
      <figcaption className="visually-hidden">
        Start time against duration for {rows.length} traces; every trace is also in the list below. Use the
        arrow keys to go through the traces in time order and Enter to open one; drag across the plot to
        search that time range.
      </figcaption>
      <div
        ref={wrapRef}
        className={
          drag
            ? 'scatter__plot scatter__plot--dragging'
            : active !== null
              ? 'scatter__plot scatter__plot--on-dot'
              : 'scatter__plot'
        }
        style={{ height: SCATTER_HEIGHT }}
        tabIndex={0}
        role="group"
        aria-label="Scatter plot of the traces"
        onPointerDown={pointerDown}
        onPointerMove={pointerMove}
        onPointerUp={pointerUp}
        onPointerCancel={() => setDrag(null)}
        onPointerLeave={() => !drag && setActive(null)}
        onKeyDown={keyDown}
      >
        {width > 0 && <ScatterFrame width={width} domains={domains} onGeometry={setGeometry} />}
        {width > 0 && geometry && (
          <ScatterCanvas width={width} points={points} xy={xy} geometry={geometry} active={active} />
        )}
        {drag && geometry && (
          <div
            className="scatter__selection"
            style={{
              left: Math.min(drag.from, drag.to),
              width: Math.abs(drag.to - drag.from),
              top: geometry.plot.y,
              height: geometry.plot.height,
            }}
          />
        )}
        {summary && at && (
          <div
            className="scatter__tooltip"
            role="tooltip"
            style={{
              left: at.left,
              top: at.top,
              transform: at.left > width / 2 ? 'translate(-100%, -100%)' : 'translate(0, -100%)',
            }}
          >
            <strong>{traceName(summary)}</strong>
            <span className="num">
              {formatDuration(summary.durationUs)} · {plural(summary.spanCount, 'span')}
              {summary.errorCount > 0 && (
                <span className="scatter__tooltip-errors"> · {plural(summary.errorCount, 'error')}</span>
              )}
            </span>
            <span className="scatter__tooltip-time num">{dayAndTime.format(new Date(point!.x))}</span>
          </div>
        )}
        <p className="visually-hidden" aria-live="polite">
          {description}
        </p>
      </div>
    </figure>
  );
});

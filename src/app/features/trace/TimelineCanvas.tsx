import { memo, useLayoutEffect, useRef } from 'react';
import type { CriticalByRow, TraceSkeleton } from '../../workers/traceModel';
import { resolveColor, sizeBackingStore, useCanvasSurface } from './canvasSurface';
import { paintTimeline, type TimelinePalette } from './paintTimeline';
import { drawRow, timelineView, type RowDrawing, type RowPlacement } from './timelineDrawing';
import type { ViewRange } from './viewRange';

interface TimelineCanvasProps {
  skeleton: TraceSkeleton;
  critical: CriticalByRow;
  viewRange: ViewRange;
  /** CSS colour value of each service (may be a `var(--…)`), by skeleton service index. */
  colors: readonly string[];
  /** The span rows in the window, y from the canvas's top. */
  placements: readonly RowPlacement[];
  /** Offset of the window's first row in the list, and the window's height, in px. */
  top: number;
  height: number;
}

function readPalette(canvas: HTMLCanvasElement, colors: readonly string[]): TimelinePalette {
  const root = getComputedStyle(document.documentElement);
  const own = getComputedStyle(canvas);
  const token = (name: string) => resolveColor(root, `var(${name})`);
  const font = `${own.fontSize} ${own.fontFamily}`;
  return {
    serviceColors: colors.map((c) => resolveColor(root, c)),
    text: token('--color-text'),
    textMuted: token('--color-text-muted'),
    danger: token('--color-danger'),
    accent: token('--color-accent'),
    onService: token('--color-on-service'),
    labelFont: font,
    insideLabelFont: `${root.getPropertyValue('--weight-medium').trim() || '500'} ${font}`,
  };
}

/**
 * What the canvas shows, as data attributes for tests and tools: rows drawn, and how many of them
 * have critical-path segments, a client→server connector, a highlight ring. Written only when a
 * figure changes (each write is a DOM mutation).
 */
function describeDrawing(canvas: HTMLCanvasElement, drawings: readonly RowDrawing[], theme: string) {
  let critical = 0;
  let links = 0;
  let rings = 0;
  for (const d of drawings) {
    if (d.critical.length > 0) critical++;
    if (d.linkX !== null) links++;
    if (d.highlighted) rings++;
  }
  const figures: Record<string, string> = {
    rows: String(drawings.length),
    critical: String(critical),
    links: String(links),
    rings: String(rings),
    theme,
  };
  for (const [key, value] of Object.entries(figures))
    if (canvas.dataset[key] !== value) canvas.dataset[key] = value;
}

/**
 * The timeline column of the rows in the window, drawn on one canvas laid over them: bars,
 * duration labels, critical-path segments, event ticks, client→server connectors and the ring of
 * highlighted bars. Scrolling to new rows repaints it in the same commit as the rows (no element
 * per bar to restyle, lay out and paint). It spans the window's rows, overscan included, so the
 * compositor can scroll before the main thread catches up. Repaints on resize, on a
 * device-pixel-ratio change and when `<html data-theme>` flips. Pointer events pass through to
 * the rows beneath, which select and hover as before.
 */
export const TimelineCanvas = memo(function TimelineCanvas(props: TimelineCanvasProps) {
  const { skeleton, critical, viewRange, colors, placements, top, height } = props;
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const palette = useRef<{ palette: TimelinePalette; colors: readonly string[]; theme: string } | null>(null);
  const surface = useCanvasSurface(canvasRef);

  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const view = timelineView(skeleton, viewRange, surface.width);
    const drawings = placements.map((p) => drawRow(skeleton, critical, p, view));
    describeDrawing(canvas, drawings, surface.theme);
    const ctx = sizeBackingStore(canvas, surface, height);
    if (!ctx) return;
    if (palette.current?.colors !== colors || palette.current.theme !== surface.theme)
      palette.current = { palette: readPalette(canvas, colors), colors, theme: surface.theme };
    paintTimeline(ctx, drawings, (row) => skeleton.service[row], palette.current.palette, surface.dpr);
  }, [skeleton, critical, viewRange, colors, placements, height, surface]);

  return <canvas ref={canvasRef} className="wf-timeline-canvas" style={{ top, height }} aria-hidden="true" />;
});

/**
 * The scatter plot's dots, painted on canvases: 1,500 dots take a couple of milliseconds and add
 * no elements to the page. Colours are the theme's tokens, read when painting; the dots repaint
 * when `<html data-theme>` changes. The dot under the pointer (or keyboard focus) is emphasized on
 * a second canvas, so hovering never repaints the other 1,499.
 */
import { memo, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { SCATTER_HEIGHT, type ScatterFrameGeometry, type ScatterPoint } from './scatterModel';

interface ScatterCanvasProps {
  width: number;
  points: readonly ScatterPoint[];
  /** Pixel centres from the frame's scales (scatterModel.pixelPositions). */
  xy: Float64Array;
  geometry: ScatterFrameGeometry;
  /** The dot under the pointer or the keyboard focus, drawn emphasized. */
  active: number | null;
}

function useThemeVersion(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const observer = new MutationObserver(() => setVersion((v) => v + 1));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => observer.disconnect();
  }, []);
  return version;
}

/** A cleared 2D context sized for `width` × the plot height at the screen's pixel ratio. */
function prepare(ref: RefObject<HTMLCanvasElement | null>, width: number): CanvasRenderingContext2D | null {
  const canvas = ref.current;
  const ctx = canvas?.getContext('2d');
  if (!canvas || !ctx) return null;
  const dpr = window.devicePixelRatio || 1;
  const w = Math.round(width * dpr);
  const h = Math.round(SCATTER_HEIGHT * dpr);
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
  }
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, SCATTER_HEIGHT);
  return ctx;
}

function drawDot(
  ctx: CanvasRenderingContext2D,
  p: ScatterPoint,
  x: number,
  y: number,
  colors: { ok: string; error: string },
  emphasized: boolean,
) {
  ctx.beginPath();
  ctx.arc(x, y, p.r, 0, Math.PI * 2);
  ctx.fillStyle = p.error ? colors.error : colors.ok;
  ctx.strokeStyle = ctx.fillStyle;
  ctx.globalAlpha = emphasized ? 0.85 : p.error ? 0.55 : 0.4;
  ctx.fill();
  ctx.globalAlpha = 1;
  ctx.lineWidth = emphasized ? 2 : 1;
  ctx.setLineDash(p.fromFile ? [2, 2] : []);
  ctx.stroke();
}

export const ScatterCanvas = memo(function ScatterCanvas({
  width,
  points,
  xy,
  geometry,
  active,
}: ScatterCanvasProps) {
  const base = useRef<HTMLCanvasElement>(null);
  const overlay = useRef<HTMLCanvasElement>(null);
  const theme = useThemeVersion();
  const colors = useRef({ ok: '', error: '' });

  useLayoutEffect(() => {
    const ctx = prepare(base, width);
    if (!ctx || !base.current) return;
    const style = getComputedStyle(base.current);
    colors.current = {
      ok: style.getPropertyValue('--color-accent').trim(),
      error: style.getPropertyValue('--color-danger').trim(),
    };
    const { plot } = geometry;
    ctx.save();
    ctx.beginPath();
    ctx.rect(plot.x, plot.y - 4, plot.width, plot.height + 4);
    ctx.clip();
    // Healthy traces first, errors on top.
    for (let i = 0; i < points.length; i++)
      if (!points[i].error) drawDot(ctx, points[i], xy[i * 2], xy[i * 2 + 1], colors.current, false);
    for (let i = 0; i < points.length; i++)
      if (points[i].error) drawDot(ctx, points[i], xy[i * 2], xy[i * 2 + 1], colors.current, false);
    ctx.restore();
  }, [width, points, xy, geometry, theme]);

  useLayoutEffect(() => {
    const ctx = prepare(overlay, width);
    if (ctx && active !== null && points[active]) {
      drawDot(ctx, points[active], xy[active * 2], xy[active * 2 + 1], colors.current, true);
    }
  }, [width, points, xy, active, theme]);

  const errors = points.reduce((n, p) => n + (p.error ? 1 : 0), 0);
  return (
    <>
      <canvas
        ref={base}
        className="scatter__canvas"
        style={{ width, height: SCATTER_HEIGHT }}
        aria-hidden="true"
        data-dot-count={points.length}
        data-error-count={errors}
      />
      <canvas
        ref={overlay}
        className="scatter__canvas"
        style={{ width, height: SCATTER_HEIGHT }}
        aria-hidden="true"
      />
    </>
  );
});

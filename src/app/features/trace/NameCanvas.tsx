import { memo, useLayoutEffect, useRef } from 'react';
import { resolveColor, sizeBackingStore, useCanvasSurface } from './canvasSurface';
import { layoutName, type NameDrawing, type NameRowInput } from './nameDrawing';
import { NameTextCache, paintNames, type NamePalette } from './paintNames';

interface NameCanvasProps {
  /** CSS colour value of each service (may be a `var(--…)`), by skeleton service index. */
  colors: readonly string[];
  /** The span rows in the window, y from the canvas's top. */
  rows: readonly NameRowInput[];
  /** Offset of the window's first row in the list, and the window's height, in px. */
  top: number;
  height: number;
}

function readPalette(canvas: HTMLCanvasElement, colors: readonly string[]): NamePalette {
  const root = getComputedStyle(document.documentElement);
  const own = getComputedStyle(canvas);
  const token = (name: string) => resolveColor(root, `var(${name})`);
  const small = root.getPropertyValue('--text-xs').trim() || '11px';
  return {
    serviceColors: colors.map((c) => resolveColor(root, c)),
    text: token('--color-text'),
    textMuted: token('--color-text-muted'),
    danger: token('--color-danger'),
    raised: token('--color-raised'),
    track: token('--color-track'),
    border: token('--color-border'),
    badges: {
      client: token('--color-accent'),
      server: token('--color-success'),
      producer: token('--color-warning'),
      consumer: token('--color-warning'),
    },
    nameFont: `${own.fontSize} ${own.fontFamily}`,
    smallFont: `${small} ${own.fontFamily}`,
  };
}

/** What the canvas shows, for tests and tools: rows drawn, and names cut short. */
function describeDrawing(canvas: HTMLCanvasElement, drawings: readonly NameDrawing[], theme: string) {
  let truncated = 0;
  for (const d of drawings) if (d.operation.text.endsWith('…') || d.service.text.endsWith('…')) truncated++;
  const figures: Record<string, string> = {
    rows: String(drawings.length),
    truncated: String(truncated),
    theme,
  };
  for (const [key, value] of Object.entries(figures))
    if (canvas.dataset[key] !== value) canvas.dataset[key] = value;
}

/**
 * The name column of the rows in the window, drawn on one canvas laid over them: chevrons,
 * service swatches and names, operations, kind badges, error marks and folded counts. The rows
 * beneath stay real, transparent elements (treegrid rows with their names as hidden text, the
 * expand button where the chevron is drawn), so they hover, select, focus and speak as before;
 * scrolling to new rows changes a few attributes and text nodes that are never laid out, and
 * repaints this canvas in the same commit. Pointer events pass through to the rows. (Tiles of 16
 * rows, each repainted only when its rows change, were tried: more canvases cost more per frame
 * than the rows they spared.)
 */
export const NameCanvas = memo(function NameCanvas({ colors, rows, top, height }: NameCanvasProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const palette = useRef<{ palette: NamePalette; colors: readonly string[]; theme: string } | null>(null);
  const textCache = useRef<NameTextCache | null>(null);
  const surface = useCanvasSurface(canvasRef);

  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const ctx = sizeBackingStore(canvas, surface, height);
    if (!ctx) return;
    if (palette.current?.colors !== colors || palette.current.theme !== surface.theme)
      palette.current = { palette: readPalette(canvas, colors), colors, theme: surface.theme };
    const { palette: current } = palette.current;
    textCache.current ??= new NameTextCache(ctx);
    const text = textCache.current;
    text.use({ name: current.nameFont, small: current.smallFont });
    const drawings = rows.map((r) => layoutName(r, surface.width, text.measure));
    describeDrawing(canvas, drawings, surface.theme);
    paintNames(ctx, drawings, current, text, surface.dpr);
  }, [colors, rows, height, surface]);

  return <canvas ref={canvasRef} className="wf-name-canvas" style={{ top, height }} aria-hidden="true" />;
});

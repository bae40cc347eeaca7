/** Paints the waterfall's timeline rows (timelineDrawing.ts) on a 2D canvas context. */
import {
  BAR_HEIGHT,
  BAR_TOP,
  CRITICAL_HEIGHT,
  CRITICAL_TOP,
  LABEL_MIDDLE,
  LINK_REACH,
  TICK_HEIGHT,
  TICK_TOP,
  type RowDrawing,
} from './timelineDrawing';

export interface TimelinePalette {
  /** Bar colour of each row's service, by skeleton service index. */
  serviceColors: readonly string[];
  text: string;
  textMuted: string;
  danger: string;
  accent: string;
  onService: string;
  /** Canvas font shorthands of the duration label, outside and inside the bar. */
  labelFont: string;
  insideLabelFont: string;
}

const BAR_RADIUS = 2;
const ERROR_MARK = 3;
const TICK_ALPHA = 0.55;

/** The font last asked for on each context, and how the context reads it back. */
const appliedFonts = new WeakMap<CanvasRenderingContext2D, { requested: string; serialized: string }>();

/**
 * Sets a font unless it is already the context's: setting one, even the same, makes Chromium
 * bring the canvas's style up to date. Resizing the canvas resets the font, hence the read-back.
 */
function setFont(ctx: CanvasRenderingContext2D, font: string) {
  const applied = appliedFonts.get(ctx);
  if (applied && applied.requested === font && ctx.font === applied.serialized) return;
  ctx.font = font;
  appliedFonts.set(ctx, { requested: font, serialized: ctx.font });
}

/**
 * Clears the canvas and draws every row. `scale` maps CSS pixels to the backing store's device
 * pixels. Rectangles snap to device pixels so 1 px lines stay crisp.
 */
export function paintTimeline(
  ctx: CanvasRenderingContext2D,
  rows: readonly RowDrawing[],
  serviceOf: (row: number) => number,
  palette: TimelinePalette,
  scale: number,
): void {
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  ctx.setTransform(scale, 0, 0, scale, 0, 0);
  ctx.textBaseline = 'middle';

  for (const d of rows) {
    const { bar } = d;
    if (d.linkX !== null) {
      ctx.strokeStyle = palette.textMuted;
      ctx.lineWidth = 1.5;
      ctx.setLineDash([1.5, 1.5]);
      ctx.beginPath();
      ctx.moveTo(d.linkX + 0.75, d.y - LINK_REACH);
      ctx.lineTo(d.linkX + 0.75, d.y + LINK_REACH);
      ctx.stroke();
      ctx.setLineDash([]);
    }
    if (bar) {
      ctx.fillStyle = palette.serviceColors[serviceOf(d.row)] ?? palette.textMuted;
      ctx.beginPath();
      ctx.roundRect(bar.x, d.y + BAR_TOP, bar.width, BAR_HEIGHT, BAR_RADIUS);
      ctx.fill();
      if (d.error) {
        ctx.fillStyle = palette.danger;
        ctx.fillRect(bar.x, d.y + BAR_TOP + BAR_HEIGHT - ERROR_MARK, bar.width, ERROR_MARK);
      }
      if (d.highlighted) {
        // A 2 px ring 1 px off the bar, like an outline with an offset.
        ctx.strokeStyle = palette.accent;
        ctx.lineWidth = 2;
        ctx.strokeRect(bar.x - 2, d.y + BAR_TOP - 2, bar.width + 4, BAR_HEIGHT + 4);
      }
    }
    if (d.critical.length > 0) {
      ctx.fillStyle = palette.text;
      for (const piece of d.critical) ctx.fillRect(piece.x, d.y + CRITICAL_TOP, piece.width, CRITICAL_HEIGHT);
    }
    if (d.ticks.length > 0) {
      ctx.globalAlpha = TICK_ALPHA;
      ctx.fillStyle = palette.text;
      for (const x of d.ticks) ctx.fillRect(Math.round(x * scale) / scale, d.y + TICK_TOP, 1, TICK_HEIGHT);
      ctx.globalAlpha = 1;
    }
  }

  // Labels last, grouped by font, so the font changes at most twice per paint.
  for (const inside of [false, true]) {
    let started = false;
    for (const d of rows) {
      const { label } = d;
      if (label.inside !== inside) continue;
      if (!started) {
        started = true;
        const font = inside ? palette.insideLabelFont : palette.labelFont;
        setFont(ctx, font);
        ctx.fillStyle = inside ? palette.onService : palette.textMuted;
      }
      ctx.textAlign = label.align;
      ctx.fillText(label.text, label.x, d.y + LABEL_MIDDLE);
    }
  }
}

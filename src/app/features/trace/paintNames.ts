/** Paints the waterfall's name column (nameDrawing.ts) on a 2D canvas context. */
import {
  BADGE_BORDER,
  BADGE_HEIGHT,
  ERROR_MARK_SIZE,
  NAME_BORDER,
  PILL_HEIGHT,
  SWATCH_SIZE,
  TOGGLE_SIZE,
  type MeasureText,
  type NameDrawing,
  type NameFont,
} from './nameDrawing';
import { ROW_HEIGHT } from './waterfallLayout';

export interface NamePalette {
  /** Swatch colour of each service, by skeleton service index. */
  serviceColors: readonly string[];
  text: string;
  textMuted: string;
  danger: string;
  /** The surface under the rows: the marks cut out of the filled error icon. */
  raised: string;
  /** The folded count's pill. */
  track: string;
  /** The line between the name column and the timeline. */
  border: string;
  /** Kind badge colours, by kind name. */
  badges: Readonly<Record<string, string>>;
  /** Canvas font shorthands of the names and of the badges and counts. */
  nameFont: string;
  smallFont: string;
}

const BADGE_RADIUS = 3;
const MIDDLE = ROW_HEIGHT / 2;

/**
 * Text measurement for the name canvas, and its two fonts. Widths are cached per font (services
 * and operations repeat) and measured on two detached canvases, one per font, so measuring never
 * changes the visible canvas's font. The visible canvas gets a font only when it has another (or
 * none, after a resize), and text is drawn grouped by font: one change a paint.
 */
export class NameTextCache {
  private readonly widths = new Map<string, number>();
  private fonts: Record<NameFont, string> = { name: '', small: '' };
  private readonly measurers: Record<NameFont, CanvasRenderingContext2D | null>;
  private readonly baselines: Record<NameFont, number> = { name: 0, small: 0 };
  private applied: { requested: string; serialized: string } | null = null;

  constructor(private readonly ctx: CanvasRenderingContext2D) {
    const detached = () => document.createElement('canvas').getContext('2d');
    this.measurers = { name: detached(), small: detached() };
  }

  /** Starts a paint with these fonts; forgets the widths when they changed. */
  use(fonts: Record<NameFont, string>): void {
    if (fonts.name !== this.fonts.name || fonts.small !== this.fonts.small) {
      this.widths.clear();
      this.fonts = { ...fonts };
      for (const font of ['name', 'small'] as const) {
        const measurer = this.measurers[font] ?? this.ctx;
        measurer.font = fonts[font];
        const m = measurer.measureText('Mg');
        this.baselines[font] = (m.fontBoundingBoxAscent - m.fontBoundingBoxDescent) / 2;
      }
    }
    // Many distinct prefixes (truncation) must not grow the cache without bound.
    if (this.widths.size > 20_000) this.widths.clear();
  }

  /** The font the visible canvas has now, if it is one of the two. */
  current(): NameFont | null {
    if (!this.applied || this.ctx.font !== this.applied.serialized) return null;
    return this.applied.requested === this.fonts.name ? 'name' : 'small';
  }

  /** Gives the visible canvas this font; returns the baseline's offset from a row's middle. */
  setFont(font: NameFont): number {
    const wanted = this.fonts[font];
    if (this.applied?.requested !== wanted || this.ctx.font !== this.applied.serialized) {
      this.ctx.font = wanted;
      this.applied = { requested: wanted, serialized: this.ctx.font };
    }
    return this.baselines[font];
  }

  readonly measure: MeasureText = (text, font) => {
    const key = font === 'name' ? text : `\u0000${text}`;
    let width = this.widths.get(key);
    if (width === undefined) {
      width = (this.measurers[font] ?? this.ctx).measureText(text).width;
      this.widths.set(key, width);
    }
    return width;
  };
}

/**
 * Clears the canvas and draws every row. `scale` maps CSS pixels to the backing store's device
 * pixels; positions snap to device pixels so text and 1 px lines stay crisp at any ratio.
 */
export function paintNames(
  ctx: CanvasRenderingContext2D,
  rows: readonly NameDrawing[],
  palette: NamePalette,
  text: NameTextCache,
  scale: number,
): void {
  const snap = (v: number) => Math.round(v * scale) / scale;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  ctx.setTransform(scale, 0, 0, scale, 0, 0);
  if (rows.length === 0) return;
  // The column's right border, beside each span row (the rows' own border is transparent).
  ctx.fillStyle = palette.border;
  for (const d of rows) ctx.fillRect(snap(d.clipRight), snap(d.y), NAME_BORDER, ROW_HEIGHT);
  ctx.save();
  ctx.beginPath();
  ctx.rect(0, 0, snap(rows[0].clipRight), ctx.canvas.height / scale);
  ctx.clip();

  // Chevrons: one path, pointing down (expanded) or right (collapsed).
  ctx.strokeStyle = palette.textMuted;
  ctx.lineWidth = 1.6;
  ctx.beginPath();
  for (const d of rows) {
    if (d.toggleX === null) continue;
    const cx = snap(d.toggleX + TOGGLE_SIZE / 2);
    const cy = snap(d.y + MIDDLE);
    if (d.collapsed) {
      ctx.moveTo(cx - 1.75, cy - 3.5);
      ctx.lineTo(cx + 1.75, cy);
      ctx.lineTo(cx - 1.75, cy + 3.5);
    } else {
      ctx.moveTo(cx - 3.5, cy - 2);
      ctx.lineTo(cx, cy + 1.5);
      ctx.lineTo(cx + 3.5, cy - 2);
    }
  }
  ctx.stroke();

  const swatchTop = MIDDLE - SWATCH_SIZE / 2;
  for (const d of rows) {
    ctx.fillStyle = palette.serviceColors[d.serviceIndex] ?? palette.textMuted;
    ctx.fillRect(snap(d.swatchX), snap(d.y + swatchTop), SWATCH_SIZE, SWATCH_SIZE);
  }

  for (const d of rows) {
    if (d.badge) {
      ctx.lineWidth = BADGE_BORDER;
      ctx.strokeStyle = palette.badges[d.badge.kind] ?? palette.textMuted;
      ctx.beginPath();
      const half = BADGE_BORDER / 2;
      const top = snap(d.y + (ROW_HEIGHT - BADGE_HEIGHT) / 2) + half;
      ctx.roundRect(
        snap(d.badge.boxX) + half,
        top,
        d.badge.boxWidth - BADGE_BORDER,
        BADGE_HEIGHT - BADGE_BORDER,
        BADGE_RADIUS,
      );
      ctx.stroke();
    }
    if (d.folded) {
      ctx.fillStyle = palette.track;
      ctx.beginPath();
      ctx.roundRect(
        snap(d.folded.boxX),
        snap(d.y + (ROW_HEIGHT - PILL_HEIGHT) / 2),
        d.folded.boxWidth,
        PILL_HEIGHT,
        PILL_HEIGHT / 2,
      );
      ctx.fill();
    }
    if (d.errorMark)
      paintErrorMark(
        ctx,
        snap(d.errorMark.x),
        snap(d.y + MIDDLE - ERROR_MARK_SIZE / 2),
        d.errorMark.folded,
        palette,
      );
  }

  // Text last, grouped by font, starting with the one the canvas has: one font change a paint.
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  const order: NameFont[] = text.current() === 'small' ? ['small', 'name'] : ['name', 'small'];
  for (const font of order) {
    const baseline = text.setFont(font);
    for (const d of rows) {
      const y = snap(d.y + MIDDLE + baseline);
      if (font === 'name') {
        if (d.service.text) {
          ctx.fillStyle = palette.textMuted;
          ctx.fillText(d.service.text, snap(d.service.x), y);
        }
        if (d.operation.text) {
          ctx.fillStyle = d.error ? palette.danger : palette.text;
          ctx.fillText(d.operation.text, snap(d.operation.x), y);
        }
      } else {
        if (d.badge) {
          ctx.fillStyle = palette.badges[d.badge.kind] ?? palette.textMuted;
          ctx.fillText(d.badge.text, snap(d.badge.x), y);
        }
        if (d.folded) {
          ctx.fillStyle = palette.textMuted;
          ctx.fillText(d.folded.text, snap(d.folded.x), y);
        }
      }
    }
  }
  ctx.restore();
}

/** The error icon (components/icons ErrorIcon), filled for the span's own error, hollow for folded ones. */
function paintErrorMark(
  ctx: CanvasRenderingContext2D,
  x: number,
  y: number,
  folded: boolean,
  palette: NamePalette,
) {
  // The icon's 16-unit view box, scaled to the mark.
  const u = ERROR_MARK_SIZE / 16;
  const cx = x + 8 * u;
  ctx.beginPath();
  ctx.arc(cx, y + 8 * u, 6.25 * u, 0, Math.PI * 2);
  if (folded) {
    ctx.strokeStyle = palette.danger;
    ctx.lineWidth = 1.5 * u;
    ctx.stroke();
  } else {
    ctx.fillStyle = palette.danger;
    ctx.fill();
  }
  const marks = folded ? palette.danger : palette.raised;
  ctx.strokeStyle = marks;
  ctx.lineWidth = 1.75 * u;
  ctx.beginPath();
  ctx.moveTo(cx, y + 4.75 * u);
  ctx.lineTo(cx, y + 8.5 * u);
  ctx.stroke();
  ctx.fillStyle = marks;
  ctx.beginPath();
  ctx.arc(cx, y + 11 * u, 0.9 * u, 0, Math.PI * 2);
  ctx.fill();
}

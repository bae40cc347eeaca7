/**
 * Paints the visible part of the flame graph. Work is bounded by pixels, not spans: on each level,
 * spans narrower than a pixel are painted as one pixel-wide block and the rest of that pixel's
 * spans are skipped with a binary search, so a million-span trace costs about as much as a small
 * one. Search matches and highlighted spans (a chosen insight) get a second pass, so one inside
 * such a block is never lost; highlighted spans are outlined and the rest faded.
 */
import {
  firstOnLevelEndingAfter,
  type FlameLayout,
  type FlameSpans,
} from '../../../../../core/analysis/flameLayout';

export const ROW_HEIGHT = 20;
const BAR_HEIGHT = ROW_HEIGHT - 2;
/** Bars at least this wide get a label. */
const LABEL_MIN_PX = 28;
const LABEL_PAD_PX = 5;

export interface FlameColumns extends FlameSpans {
  readonly service: Int32Array;
  readonly operation: Int32Array;
  readonly operations: readonly string[];
  /** Exclusive end row of each row's subtree (display order is pre-order). */
  readonly subtreeEnd: Int32Array;
}

export interface FlameFrame {
  /** Canvas size in CSS pixels; the context is already scaled for the device pixel ratio. */
  width: number;
  height: number;
  /** Time range shown, microseconds from the trace start. */
  t0: number;
  t1: number;
  /** Level at the top of the scrolled content: the zoomed span's level, or 0. */
  topLevel: number;
  /** Pixels scrolled down from `topLevel`. */
  scrollTop: number;
  /** Root of the zoomed-in subtree: spans outside it are faded. -1 for the whole trace. */
  focus: number;
  selected: number;
  hovered: number;
  /** 1 for each search match; null without a search (then nothing is faded for it). */
  isMatch: Uint8Array | null;
  matchRows: Int32Array | null;
  /** 1 for each span a chosen insight points at; null without one (then nothing is faded for it). */
  isHighlighted?: Uint8Array | null;
  highlightRows?: Int32Array | null;
}

export interface FlamePalette {
  /** Resolved colour per service index. */
  service: readonly string[];
  background: string;
  /** Text on a service colour. */
  onService: string;
  selection: string;
  hover: string;
  /** Outline of highlighted spans; the selection colour when not given. */
  highlight?: string;
  font: string;
}

/** Canvas y of a level's bar. */
export function levelTop(frame: Pick<FlameFrame, 'topLevel' | 'scrollTop'>, level: number): number {
  return (level - frame.topLevel) * ROW_HEIGHT - frame.scrollTop;
}

/** The level under canvas y. */
export function levelAt(frame: Pick<FlameFrame, 'topLevel' | 'scrollTop'>, y: number): number {
  return frame.topLevel + Math.floor((y + frame.scrollTop) / ROW_HEIGHT);
}

/** Opacity of spans outside the zoomed subtree, not matching the search or not highlighted. */
const FADED = 0.28;

export function drawFlame(
  ctx: CanvasRenderingContext2D,
  cols: FlameColumns,
  layout: FlameLayout,
  frame: FlameFrame,
  palette: FlamePalette,
): number {
  const { width, height, t0, t1, topLevel, scrollTop, focus, isMatch, isHighlighted } = frame;
  ctx.fillStyle = palette.background;
  ctx.fillRect(0, 0, width, height);
  const span = t1 - t0;
  if (span <= 0 || width <= 0) return 0;
  const k = width / span;
  const focusEnd = focus >= 0 ? cols.subtreeEnd[focus] : -1;
  const faded = (row: number) =>
    (focus >= 0 && (row < focus || row >= focusEnd)) ||
    (isMatch !== null && isMatch[row] === 0) ||
    (isHighlighted != null && isHighlighted[row] === 0);
  const firstLevel = topLevel + Math.floor(scrollTop / ROW_HEIGHT);
  const lastLevel = Math.min(layout.levelCount - 1, firstLevel + Math.ceil(height / ROW_HEIGHT));
  ctx.font = palette.font;
  ctx.textBaseline = 'middle';
  const charPx = ctx.measureText('abcdefghijklmnopqrstuvwxyz').width / 26;
  let rects = 0;

  for (let level = Math.max(0, firstLevel); level <= lastLevel; level++) {
    const y = levelTop(frame, level);
    const end = layout.levelOffsets[level + 1];
    let i = firstOnLevelEndingAfter(cols, layout, level, t0);
    while (i < end) {
      const row = layout.levelRows[i];
      const start = cols.startUs[row];
      if (start >= t1) break;
      const x0 = (start - t0) * k;
      const x1 = (start + Math.max(cols.durationUs[row], 0) - t0) * k;
      ctx.globalAlpha = faded(row) ? FADED : 1;
      ctx.fillStyle = palette.service[cols.service[row]] ?? palette.hover;
      if (x1 - x0 < 1) {
        // A sliver: one pixel for it and every other span that starts in the same pixel.
        const px = Math.floor(x0);
        ctx.fillRect(px, y, 1, BAR_HEIGHT);
        rects++;
        const next = firstOnLevelEndingAfter(cols, layout, level, t0 + (px + 1) / k);
        i = next > i ? next : i + 1;
        continue;
      }
      const left = Math.max(x0, -1);
      const right = Math.min(x1, width + 1);
      // A hairline gap keeps touching neighbours apart.
      const w = right - left > 3 ? right - left - 1 : right - left;
      ctx.fillRect(left, y, w, BAR_HEIGHT);
      rects++;
      if (w >= LABEL_MIN_PX) {
        const room = Math.floor((w - LABEL_PAD_PX * 2) / charPx);
        const name = cols.operations[cols.operation[row]] ?? '';
        if (room >= 2) {
          ctx.fillStyle = palette.onService;
          const text = name.length > room ? `${name.slice(0, room - 1)}…` : name;
          ctx.fillText(text, left + LABEL_PAD_PX, y + BAR_HEIGHT / 2 + 0.5);
        }
      }
      i++;
    }
  }

  ctx.globalAlpha = 1;
  if (frame.matchRows && isMatch)
    rects += drawSlivers(ctx, cols, layout, frame, palette, frame.matchRows, k, firstLevel, lastLevel);
  if (frame.highlightRows && isHighlighted) {
    const rows = frame.highlightRows;
    rects += drawSlivers(ctx, cols, layout, frame, palette, rows, k, firstLevel, lastLevel);
    for (const row of rows) {
      const level = layout.level[row];
      if (level >= firstLevel && level <= lastLevel)
        outline(ctx, cols, layout, frame, row, palette.highlight ?? palette.selection, 2, k);
    }
  }
  outline(ctx, cols, layout, frame, frame.hovered, palette.hover, 1.5, k);
  outline(ctx, cols, layout, frame, frame.selected, palette.selection, 2.5, k);
  return rects;
}

/** Every visible one of `rows` at least a pixel wide, over whatever sliver block hid it. */
function drawSlivers(
  ctx: CanvasRenderingContext2D,
  cols: FlameColumns,
  layout: FlameLayout,
  frame: FlameFrame,
  palette: FlamePalette,
  rows: Int32Array,
  k: number,
  firstLevel: number,
  lastLevel: number,
): number {
  let rects = 0;
  for (const row of rows) {
    const level = layout.level[row];
    if (level < firstLevel || level > lastLevel) continue;
    const start = cols.startUs[row];
    const x0 = (start - frame.t0) * k;
    const x1 = (start + Math.max(cols.durationUs[row], 0) - frame.t0) * k;
    if (x1 - x0 >= 1 || x1 < 0 || x0 > frame.width) continue;
    ctx.fillStyle = palette.service[cols.service[row]] ?? palette.hover;
    ctx.fillRect(Math.floor(x0), levelTop(frame, level), 1, BAR_HEIGHT);
    rects++;
  }
  return rects;
}

function outline(
  ctx: CanvasRenderingContext2D,
  cols: FlameColumns,
  layout: FlameLayout,
  frame: FlameFrame,
  row: number,
  color: string,
  lineWidth: number,
  k: number,
): void {
  if (row < 0 || row >= layout.level.length) return;
  const level = layout.level[row];
  const y = levelTop(frame, level);
  if (y < -ROW_HEIGHT || y > frame.height) return;
  const start = cols.startUs[row];
  const x0 = Math.max((start - frame.t0) * k, -2);
  const x1 = Math.min((start + Math.max(cols.durationUs[row], 0) - frame.t0) * k, frame.width + 2);
  if (x1 < 0 || x0 > frame.width) return;
  ctx.strokeStyle = color;
  ctx.lineWidth = lineWidth;
  const w = Math.max(x1 - x0, 2);
  ctx.strokeRect(x0 + lineWidth / 2, y + lineWidth / 2, Math.max(w - lineWidth, 1), BAR_HEIGHT - lineWidth);
}

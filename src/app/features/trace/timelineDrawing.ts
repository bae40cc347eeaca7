/**
 * What the waterfall's timeline canvas draws for one span row, in CSS pixels of the timeline
 * column: the bar, its duration label, critical-path segments, event ticks and the connector from
 * a client span in the row above. Pure, so the geometry is tested without a canvas; the painter
 * (paintTimeline.ts) only turns it into drawing calls.
 */
import { SpanKind } from '../../../core/model/trace';
import { formatDuration } from '../../format/duration';
import type { CriticalByRow, TraceSkeleton } from '../../workers/traceModel';
import { criticalPieces } from './criticalPieces';
import { barPlacement } from './waterfallLayout';

/** Vertical placement inside a row (px from its top), as the bar's DOM used to sit. */
export const BAR_TOP = 6;
export const BAR_HEIGHT = 12;
export const BAR_MIN_WIDTH = 2;
export const CRITICAL_TOP = 19;
export const CRITICAL_HEIGHT = 3;
export const CRITICAL_MIN_WIDTH = 1;
export const TICK_TOP = 4;
export const TICK_HEIGHT = 16;
/** The connector reaches this far up into the row above, to the client's bar. */
export const LINK_REACH = 6;
/** The label's text box: top and height (a 16 px line starting 4 px down). */
export const LABEL_MIDDLE = 12;
/** Space between a bar and its label, or between the timeline's edge and a clamped label. */
export const LABEL_GAP = 4;
/** A label drawn inside the bar starts this far in. */
export const LABEL_INSET = 6;
export const MAX_EVENT_TICKS = 50;

export interface Span1D {
  x: number;
  width: number;
}

export interface TimelineLabel {
  text: string;
  /** Where the text starts ('left') or ends ('right'). */
  x: number;
  align: 'left' | 'right';
  /** On the bar itself, in the on-service colour. */
  inside: boolean;
}

export interface RowDrawing {
  /** The span's row in the skeleton. */
  row: number;
  /** Top of the row, px from the top of the canvas. */
  y: number;
  /** Null when the span lies wholly outside the zoomed window (the label then says which way). */
  bar: Span1D | null;
  error: boolean;
  /** Ringed: one of the spans a selected insight points at. */
  highlighted: boolean;
  critical: Span1D[];
  /** x of each event tick in view (at most MAX_EVENT_TICKS per span). */
  ticks: number[];
  /** x of the connector from the client's bar in the row above, or null. */
  linkX: number | null;
  label: TimelineLabel;
}

export interface TimelineView {
  startUs: number;
  spanUs: number;
  /** Width of the timeline column in CSS pixels. */
  widthPx: number;
}

export interface RowPlacement {
  row: number;
  y: number;
  /** The row above is this server span's client (a client→server pair). */
  fromClientAbove: boolean;
  highlighted: boolean;
}

/**
 * The span rows of the window (list positions with their offsets), placed relative to the
 * window's top. `items` is the display list: span rows are ≥ 0, hidden-span and details items are
 * negative and draw nothing. A server span right under its own client span gets a connector.
 */
export function timelinePlacements(
  window: readonly { index: number; start: number }[],
  items: Int32Array,
  skeleton: Pick<TraceSkeleton, 'kind' | 'rpcPeer'>,
  highlight: { isHighlighted: Uint8Array } | null,
  top: number,
): RowPlacement[] {
  const placements: RowPlacement[] = [];
  for (const { index, start } of window) {
    const row = items[index];
    if (row < 0) continue;
    const peer = skeleton.rpcPeer[row];
    placements.push({
      row,
      y: start - top,
      fromClientAbove: skeleton.kind[row] === SpanKind.Server && peer >= 0 && items[index - 1] === peer,
      highlighted: highlight?.isHighlighted[row] === 1,
    });
  }
  return placements;
}

/** The timeline column's view of the trace: the zoomed window [start, end) of its duration, in µs. */
export function timelineView(
  skeleton: Pick<TraceSkeleton, 'traceDurationUs'>,
  viewRange: readonly [number, number],
  widthPx: number,
) {
  return {
    startUs: viewRange[0] * skeleton.traceDurationUs,
    spanUs: (viewRange[1] - viewRange[0]) * skeleton.traceDurationUs,
    widthPx,
  } satisfies TimelineView;
}

/** The columns of the skeleton a row's drawing reads. */
export type TimelineSpans = Pick<
  TraceSkeleton,
  'startUs' | 'durationUs' | 'error' | 'eventOffsets' | 'eventTimesUs'
>;

export function drawRow(
  skeleton: TimelineSpans,
  critical: Pick<CriticalByRow, 'offsets' | 'startUs' | 'endUs'>,
  placement: RowPlacement,
  view: TimelineView,
): RowDrawing {
  const { row, y } = placement;
  const w = view.widthPx;
  const px = (percent: number) => (percent / 100) * w;
  const start = skeleton.startUs[row];
  const duration = skeleton.durationUs[row];
  const placed = barPlacement(start, duration, view.spanUs, view.startUs);
  const text = formatDuration(duration);

  let bar: Span1D | null = null;
  let label: TimelineLabel;
  if (placed.outside === 'left') label = { text: `◂ ${text}`, x: LABEL_GAP, align: 'left', inside: false };
  else if (placed.outside === 'right')
    label = { text: `${text} ▸`, x: w - LABEL_GAP, align: 'right', inside: false };
  else {
    const x = px(placed.leftPercent);
    bar = { x, width: Math.max(BAR_MIN_WIDTH, px(placed.widthPercent)) };
    if (placed.label === 'after')
      label = { text, x: x + px(placed.widthPercent) + LABEL_GAP, align: 'left', inside: false };
    else if (placed.label === 'before') label = { text, x: x - LABEL_GAP, align: 'right', inside: false };
    else label = { text, x: x + LABEL_INSET, align: 'left', inside: true };
  }

  const critical1D = criticalPieces(
    critical.startUs,
    critical.endUs,
    critical.offsets[row],
    critical.offsets[row + 1],
    view.startUs,
    view.spanUs,
  ).map((p) => ({ x: px(p.left), width: Math.max(CRITICAL_MIN_WIDTH, px(p.width)) }));

  const ticks: number[] = [];
  const firstEvent = skeleton.eventOffsets[row];
  const lastEvent = Math.min(skeleton.eventOffsets[row + 1], firstEvent + MAX_EVENT_TICKS);
  const viewEnd = view.startUs + view.spanUs;
  for (let e = firstEvent; e < lastEvent; e++) {
    const at = skeleton.eventTimesUs[e];
    if (at < view.startUs || at > viewEnd || view.spanUs <= 0) continue;
    ticks.push(((at - view.startUs) / view.spanUs) * w);
  }

  return {
    row,
    y,
    bar,
    error: skeleton.error[row] === 1,
    highlighted: placement.highlighted && bar !== null,
    critical: critical1D,
    ticks,
    linkX: placement.fromClientAbove && bar ? bar.x : null,
    label,
  };
}

/** The timeline cell's accessible text: what the bar shows, for readers who cannot see it. */
export function barDescription(startUs: number, durationUs: number): string {
  return `starts at ${startUs === 0 ? '0 µs' : formatDuration(startUs)}, lasts ${formatDuration(durationUs)}`;
}

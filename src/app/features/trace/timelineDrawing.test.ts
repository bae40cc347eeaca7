import { describe, expect, it } from 'vitest';
import { SpanKind } from '../../../core/model/trace';
import { DETAILS_ITEM, HIDDEN_BEFORE_ITEM } from './displayItems';
import {
  BAR_MIN_WIDTH,
  barDescription,
  drawRow,
  LABEL_GAP,
  LABEL_INSET,
  MAX_EVENT_TICKS,
  timelinePlacements,
  timelineView,
  type RowPlacement,
} from './timelineDrawing';

/** Three spans of a 1 s trace: 0–1 s (errored, two events), 100–300 ms, 900–950 ms. */
const spans = {
  startUs: Float64Array.from([0, 100_000, 900_000]),
  durationUs: Float64Array.from([1_000_000, 200_000, 50_000]),
  error: Uint8Array.from([1, 0, 0]),
  eventOffsets: Int32Array.from([0, 2, 2, 2]),
  eventTimesUs: Float64Array.from([250_000, 750_000]),
};
/** Row 1 waits on 150–200 ms and 250–300 ms; the others are off the path. */
const critical = {
  offsets: Int32Array.from([0, 0, 2, 2]),
  startUs: Float64Array.from([150_000, 250_000]),
  endUs: Float64Array.from([200_000, 300_000]),
};
const WIDTH = 1000;
const whole = timelineView({ traceDurationUs: 1_000_000 }, [0, 1], WIDTH);
const at = (row: number, y = 0, extra: Partial<RowPlacement> = {}): RowPlacement => ({
  row,
  y,
  fromClientAbove: false,
  highlighted: false,
  ...extra,
});

describe('drawRow', () => {
  it('places the bar, its label after it, the critical segments and nothing else', () => {
    const d = drawRow(spans, critical, at(1, 48), whole);
    expect(d.y).toBe(48);
    expect(d.bar?.x).toBeCloseTo(100);
    expect(d.bar?.width).toBeCloseTo(200);
    expect(d.label).toEqual({ text: '200 ms', x: 300 + LABEL_GAP, align: 'left', inside: false });
    expect(d.critical.map((p) => [Math.round(p.x), Math.round(p.width)])).toEqual([
      [150, 50],
      [250, 50],
    ]);
    expect(d.ticks).toEqual([]);
    expect(d.linkX).toBeNull();
    expect(d.error).toBe(false);
  });

  it('puts a whole-window label inside the bar, marks errors and draws event ticks', () => {
    const d = drawRow(spans, critical, at(0), whole);
    expect(d.bar).toEqual({ x: 0, width: WIDTH });
    expect(d.label).toEqual({ text: '1 s', x: LABEL_INSET, align: 'left', inside: true });
    expect(d.error).toBe(true);
    expect(d.ticks).toEqual([250, 750]);
    expect(d.critical).toEqual([]);
  });

  it('puts the label before a bar near the end, and keeps a tiny bar visible', () => {
    const d = drawRow(spans, critical, at(2), whole);
    expect(d.label).toMatchObject({ text: '50 ms', x: 900 - LABEL_GAP, align: 'right' });
    const tiny = drawRow(
      { ...spans, durationUs: Float64Array.from([1_000_000, 200_000, 1]) },
      critical,
      at(2),
      whole,
    );
    expect(tiny.bar?.width).toBe(BAR_MIN_WIDTH);
  });

  it('follows the zoomed window: bars move, spans outside say which way they are', () => {
    // 200–400 ms of the trace.
    const zoomed = timelineView({ traceDurationUs: 1_000_000 }, [0.2, 0.4], WIDTH);
    const inView = drawRow(spans, critical, at(1), zoomed);
    expect(inView.bar?.x).toBe(0);
    expect(inView.bar?.width).toBeCloseTo(500);
    expect(inView.critical.map((p) => Math.round(p.x))).toEqual([0, 250]);
    const after = drawRow(spans, critical, at(2), zoomed);
    expect(after.bar).toBeNull();
    expect(after.label).toEqual({ text: '50 ms ▸', x: WIDTH - LABEL_GAP, align: 'right', inside: false });
    const early = timelineView({ traceDurationUs: 1_000_000 }, [0.5, 0.6], WIDTH);
    expect(drawRow(spans, critical, at(1), early).label).toMatchObject({ text: '◂ 200 ms', align: 'left' });
    // Ticks outside the window are not drawn.
    expect(drawRow(spans, critical, at(0), zoomed).ticks).toEqual([250]);
  });

  it('rings a highlighted bar and connects a server span to the client above, at its start', () => {
    const d = drawRow(spans, critical, at(1, 24, { highlighted: true, fromClientAbove: true }), whole);
    expect(d.highlighted).toBe(true);
    expect(d.linkX).toBeCloseTo(100);
    const zoomed = timelineView({ traceDurationUs: 1_000_000 }, [0.2, 0.4], WIDTH);
    const outside = drawRow(spans, critical, at(2, 0, { highlighted: true, fromClientAbove: true }), zoomed);
    expect(outside.highlighted).toBe(false);
    expect(outside.linkX).toBeNull();
  });

  it(`draws at most ${MAX_EVENT_TICKS} event ticks per span`, () => {
    const many = {
      ...spans,
      eventOffsets: Int32Array.from([0, 80, 80, 80]),
      eventTimesUs: Float64Array.from({ length: 80 }, (_, i) => i * 1000),
    };
    expect(drawRow(many, critical, at(0), whole).ticks).toHaveLength(MAX_EVENT_TICKS);
  });
});

describe('timelinePlacements', () => {
  // Rows: 0 client, 1 its server, 2 a server whose client (0) is not right above it.
  const skeleton = {
    kind: Uint8Array.from([SpanKind.Client, SpanKind.Server, SpanKind.Server]),
    rpcPeer: Int32Array.from([1, 0, 0]),
  };

  it('places span rows from the window top, skipping hidden-span and details items', () => {
    const items = Int32Array.from([0, 1, DETAILS_ITEM, 2, HIDDEN_BEFORE_ITEM]);
    const window = [0, 1, 2, 3, 4].map((index) => ({ index, start: 100 + index * 24 }));
    const highlight = { isHighlighted: Uint8Array.from([0, 0, 1]) };
    expect(timelinePlacements(window, items, skeleton, highlight, 100)).toEqual([
      { row: 0, y: 0, fromClientAbove: false, highlighted: false },
      { row: 1, y: 24, fromClientAbove: true, highlighted: false },
      { row: 2, y: 72, fromClientAbove: false, highlighted: true },
    ]);
  });

  it('connects a server span only when its own client is the row right above', () => {
    const items = Int32Array.from([1, 0]);
    const window = [
      { index: 0, start: 0 },
      { index: 1, start: 24 },
    ];
    expect(timelinePlacements(window, items, skeleton, null, 0).map((p) => p.fromClientAbove)).toEqual([
      false,
      false,
    ]);
  });
});

describe('barDescription', () => {
  it('says when the span starts and how long it lasts, with units', () => {
    expect(barDescription(0, 512_400)).toBe('starts at 0 µs, lasts 512 ms');
    expect(barDescription(295_200, 1_500)).toBe('starts at 295 ms, lasts 1.5 ms');
  });
});

import { describe, expect, it } from 'vitest';
import { barPlacement, indentPx, INDENT_PX, MAX_INDENT_LEVELS, nextRow, rulerTicks } from './waterfallLayout';

describe('barPlacement', () => {
  it('places a bar by start and duration as percentages of the trace', () => {
    expect(barPlacement(250, 500, 1000)).toEqual({
      leftPercent: 25,
      widthPercent: 50,
      label: 'after',
      outside: null,
    });
  });

  it('places bars in a zoomed window and says which side a hidden span lies on', () => {
    expect(barPlacement(300, 100, 200, 250)).toMatchObject({ leftPercent: 25, widthPercent: 50 });
    expect(barPlacement(0, 100, 200, 250).outside).toBe('left');
    expect(barPlacement(500, 100, 200, 250).outside).toBe('right');
    expect(barPlacement(200, 400, 200, 250)).toMatchObject({ leftPercent: 0, widthPercent: 100 });
  });

  it('puts the label where it stays on screen', () => {
    expect(barPlacement(0, 300, 1000).label).toBe('after');
    expect(barPlacement(500, 400, 1000).label).toBe('before');
    expect(barPlacement(0, 1000, 1000).label).toBe('inside');
  });

  it('clamps spans that end after the trace (clock skew) to the timeline', () => {
    const bar = barPlacement(900, 500, 1000);
    expect(bar.leftPercent + bar.widthPercent).toBe(100);
  });

  it('draws a zero-length trace as one full bar instead of dividing by zero', () => {
    expect(barPlacement(0, 0, 0)).toMatchObject({ leftPercent: 0, widthPercent: 100, label: 'inside' });
  });
});

describe('indentPx', () => {
  it('indents by depth up to a limit', () => {
    expect(indentPx(2)).toBe(2 * INDENT_PX);
    expect(indentPx(5000)).toBe(MAX_INDENT_LEVELS * INDENT_PX);
  });
});

describe('rulerTicks', () => {
  it('labels round values in the unit of the trace duration', () => {
    expect(rulerTicks(2_000_000).map((t) => t.label)).toEqual(['0 s', '0.5 s', '1 s', '1.5 s', '2 s']);
    expect(rulerTicks(512_400).map((t) => t.label)).toEqual([
      '0 ms',
      '100 ms',
      '200 ms',
      '300 ms',
      '400 ms',
      '500 ms',
    ]);
  });

  it('adapts to a zoomed window with enough decimals to tell ticks apart', () => {
    const ticks = rulerTicks(1_200_400, 1_200_000);
    expect(ticks.map((t) => t.label)).toEqual(['1.2 s', '1.2001 s', '1.2002 s', '1.2003 s', '1.2004 s']);
    expect(ticks[1].percent).toBeCloseTo(25);
  });
});

describe('nextRow', () => {
  it('moves within the rows and ignores other keys', () => {
    expect(nextRow('ArrowDown', 3, 10, 4)).toBe(4);
    expect(nextRow('ArrowDown', 9, 10, 4)).toBe(9);
    expect(nextRow('ArrowUp', 0, 10, 4)).toBe(0);
    expect(nextRow('PageDown', 8, 10, 4)).toBe(9);
    expect(nextRow('PageUp', 5, 10, 4)).toBe(1);
    expect(nextRow('End', 0, 10, 4)).toBe(9);
    expect(nextRow('Home', 7, 10, 4)).toBe(0);
    expect(nextRow('x', 7, 10, 4)).toBeNull();
  });
});

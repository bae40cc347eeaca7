import { describe, expect, it } from 'vitest';
import type { TraceSummary } from '../../../core/trace/summary';
import { hitTest, niceCeil, pixelPositions, scatterDomains, scatterPoints } from './scatterModel';

function row(id: string, startUs: number, durationUs: number, spanCount: number, errorCount = 0) {
  const summary: TraceSummary = {
    traceId: id.padStart(32, '0'),
    rootServiceName: 's',
    rootOperationName: 'op',
    startUs,
    durationUs,
    spanCount,
    errorCount,
    orphanCount: 0,
    services: [],
  };
  return { summary, fileName: null };
}

describe('the scatter plot geometry', () => {
  const points = scatterPoints([row('b', 2e6, 300, 10, 1), row('a', 1e6, 100, 1), row('c', 3e6, 200, 5)]);

  it('orders points by time (the keyboard order) and sizes them by span count', () => {
    expect(points.map((p) => p.row.summary.traceId.slice(-1))).toEqual(['a', 'b', 'c']);
    expect(points[0].r).toBeLessThan(points[2].r);
    expect(points[2].r).toBeLessThan(points[1].r);
    expect(points.map((p) => p.error)).toEqual([false, true, false]);
  });

  it('pads the time axis and gives the duration axis a round top', () => {
    const { x, y } = scatterDomains(points);
    expect(x[0]).toBeLessThan(1000);
    expect(x[1]).toBeGreaterThan(3000);
    expect(y).toEqual([0, 400]);
    expect([553, 1296, 0.7, 10, 0].map(niceCeil)).toEqual([600, 1500, 0.8, 10, 1]);
  });

  it('finds the dot under the pointer, the nearest one when dots overlap', () => {
    const xy = pixelPositions(points, {
      x: (ms) => ms / 10,
      y: (us) => 200 - us / 2,
      plot: { x: 0, y: 0, width: 400, height: 200 },
    });
    expect([...xy]).toEqual([100, 150, 200, 50, 300, 100]);
    expect(hitTest(points, xy, 201, 51)).toBe(1);
    expect(hitTest(points, xy, 100 + points[0].r + 2, 150)).toBe(0);
    expect(hitTest(points, xy, 150, 150)).toBeNull();
  });
});

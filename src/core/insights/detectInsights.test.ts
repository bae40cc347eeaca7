import { describe, expect, it } from 'vitest';
import { criticalPath } from '../criticalPath/criticalPath';
import { buildGeneratedTrace, buildTrace, type SpanSpec } from '../testing/traceBuilder';
import { buildTraceIndex } from '../tree/traceIndex';
import { detectInsights, tallyInsights, traceInsights } from './detectInsights';
import { DEFAULT_THRESHOLDS } from './insight';
import { insightsOf } from './testing';

const ms = (start: number, end: number) => [start * 1000, end * 1000] as const;

describe('detectInsights', () => {
  it('finds nothing in a healthy trace: parallel calls, short handler gaps, no errors', () => {
    // R  ==========
    // A   ===         customer lookup
    // B       ===     three driver calls at once
    // C       ==
    // D       ====
    // E            =  response
    const specs: SpanSpec[] = [
      { id: 'R', name: 'GET /dispatch', service: 'frontend', kind: 'server', at: ms(0, 100) },
      { id: 'A', parent: 'R', name: 'GET /customer', service: 'frontend', kind: 'client', at: ms(2, 40) },
      { id: 'A1', parent: 'A', name: 'GET /customer', service: 'customer', kind: 'server', at: ms(3, 39) },
      {
        id: 'A2',
        parent: 'A1',
        name: 'SELECT',
        service: 'customer',
        kind: 'client',
        at: ms(4, 38),
        attributes: { 'db.system': 'mysql', 'db.statement': 'SELECT * FROM customer WHERE id=1' },
      },
      ...['B', 'C', 'D'].map((id, i): SpanSpec => ({
        id,
        parent: 'R',
        name: `GET /driver/${i}`,
        service: 'frontend',
        kind: 'client',
        at: ms(41, 80 + i * 5),
      })),
      { id: 'E', parent: 'R', name: 'render', service: 'frontend', at: ms(92, 98) },
    ];
    expect(insightsOf(specs).insights).toEqual([]);
  });

  it('lists the largest time at stake first', () => {
    const found = insightsOf([
      { id: 'R', name: 'GET /page', service: 'web', error: true, at: ms(0, 200) },
      ...[0, 1, 2].map((i): SpanSpec => ({
        id: `C${i}`,
        parent: 'R',
        name: 'GET /item',
        service: 'web',
        at: ms(10 + i * 30, 40 + i * 30),
      })),
    ]);
    expect(found.insights.map((i) => i.kind)).toEqual(['error-origin', 'gap', 'staircase']);
    const times = found.insights.map((i) => i.timeAtStakeUs);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(tallyInsights(found.insights)).toEqual({ 'error-origin': 1, gap: 1, staircase: 1 });
  });

  it('keeps at most maxPerKind findings of a kind, the largest', () => {
    // Ten items one after another, each with a staircase of three calls, longer in later items.
    const specs: SpanSpec[] = [{ id: 'R', name: 'job', service: 'batch', at: ms(0, 500) }];
    for (let p = 0; p < 10; p++) {
      specs.push({ id: `P${p}`, parent: 'R', name: 'item', service: 'batch', at: ms(p * 50, p * 50 + 45) });
      for (let c = 0; c < 3; c++) {
        const start = p * 50 + 2 + c * (5 + p);
        specs.push({
          id: `P${p}C${c}`,
          parent: `P${p}`,
          name: 'fetch',
          service: 'batch',
          at: ms(start, start + 5 + p),
        });
      }
    }
    const index = buildTraceIndex(buildTrace(specs));
    const all = detectInsights(index, criticalPath(index), {
      ...DEFAULT_THRESHOLDS,
      minShareOfCriticalPath: 0,
    });
    expect(all.filter((i) => i.kind === 'staircase')).toHaveLength(10);
    const capped = detectInsights(index, criticalPath(index), {
      ...DEFAULT_THRESHOLDS,
      minShareOfCriticalPath: 0,
      maxPerKind: 3,
    });
    expect(capped.map((i) => i.timeAtStakeUs)).toEqual(all.slice(0, 3).map((i) => i.timeAtStakeUs));
  });

  it('answers an empty trace with nothing', () => {
    expect(traceInsights({ traceId: 'x', spans: [], warnings: [] })).toEqual([]);
  });

  it('walks a million-span chain and a million-wide fan-out without recursion', { timeout: 240_000 }, () => {
    const N = 1_000_000;
    const chain = buildGeneratedTrace(N, (i) => ({ parent: i - 1, start: i, end: 2 * N - i }));
    expect(traceInsights(chain)).toEqual([]);
    // A million children of one root, each starting as the previous one ends: one long staircase.
    const wide = buildGeneratedTrace(N + 1, (i) =>
      i === 0 ? { parent: -1, start: 0, end: N + 1 } : { parent: 0, start: i, end: i + 1 },
    );
    const [staircase, ...rest] = traceInsights(wide);
    expect(rest).toEqual([]);
    expect(staircase.kind).toBe('staircase');
    expect(staircase.rows).toHaveLength(N);
    expect(staircase.timeAtStakeUs).toBe(N - 1);
  });
});

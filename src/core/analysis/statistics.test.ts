import { describe, expect, it } from 'vitest';
import { buildTrace, type SpanSpec } from '../testing/traceBuilder';
import { buildTraceIndex } from '../tree/traceIndex';
import { attributeColumn, attributeKeys } from './attributeColumns';
import { selfTimes } from './selfTime';
import { traceStatistics, type SpanGrouping, type StatisticsColumns } from './statistics';
import { orderStatistics, statisticValue } from './statisticsColumns';
import { statisticsCsv } from './statisticsCsv';

/**
 * A checkout: the frontend calls the API twice in parallel and once more; the API queries the
 * database. One API call fails.
 *
 *   0    100  200  300  400  500
 *   root ==========================   frontend GET /checkout   0..500
 *   c1     =========                  frontend GET /cart       50..250
 *   s1      =======                   api      GET /cart       60..240   route=/cart
 *   q1        ===                     db       SELECT          100..160
 *   c2         =========              frontend GET /cart       150..350   overlaps c1
 *   s2          =======  (error)      api      GET /cart       160..340   route=/cart
 *   c3                    ======      frontend POST /pay       370..470
 *   s3                     ====       api      POST /pay       380..460   route=/pay
 */
const specs: SpanSpec[] = [
  { id: 'root', at: [0, 500], service: 'frontend', name: 'GET /checkout', kind: 'server' },
  { id: 'c1', parent: 'root', at: [50, 250], service: 'frontend', name: 'GET /cart', kind: 'client' },
  {
    id: 's1',
    parent: 'c1',
    at: [60, 240],
    service: 'api',
    name: 'GET /cart',
    kind: 'server',
    attributes: { 'http.route': '/cart' },
    resourceAttributes: { region: 'eu' },
  },
  { id: 'q1', parent: 's1', at: [100, 160], service: 'db', name: 'SELECT', kind: 'client' },
  { id: 'c2', parent: 'root', at: [150, 350], service: 'frontend', name: 'GET /cart', kind: 'client' },
  {
    id: 's2',
    parent: 'c2',
    at: [160, 340],
    service: 'api',
    name: 'GET /cart',
    kind: 'server',
    error: true,
    attributes: { 'http.route': '/cart' },
    resourceAttributes: { region: 'eu' },
  },
  { id: 'c3', parent: 'root', at: [370, 470], service: 'frontend', name: 'POST /pay', kind: 'client' },
  {
    id: 's3',
    parent: 'c3',
    at: [380, 460],
    service: 'api',
    name: 'POST /pay',
    kind: 'server',
    attributes: { 'http.route': '/pay', region: 'us' },
    resourceAttributes: { region: 'eu' },
  },
];

function statsOf(grouping: SpanGrouping, sub: SpanGrouping | null = null) {
  const index = buildTraceIndex(buildTrace(specs));
  return traceStatistics(index, selfTimes(index), grouping, sub);
}

/** A group's row as plain figures, for readable expectations. */
function row(columns: StatisticsColumns, i: number, traceUs = 500) {
  return {
    label: columns.labels[i],
    count: columns.count[i],
    total: columns.totalUs[i],
    avg: statisticValue(columns, i, 'average', traceUs),
    min: columns.minUs[i],
    max: columns.maxUs[i],
    self: columns.selfTotalUs[i],
    selfPct: statisticValue(columns, i, 'selfPercent', traceUs),
    errors: columns.errors[i],
  };
}

describe('traceStatistics', () => {
  it('groups by service, heaviest first, with exact self time', () => {
    const stats = statsOf({ by: 'service' });
    expect(stats.groups.labels).toEqual(['frontend', 'api', 'db']);
    // Frontend: root 500 with children c1 ∪ c2 = 50..350 and c3 370..470 → self 100;
    // c1 loses 60..240 → 20; c2 loses 160..340 → 20; c3 loses 380..460 → 20.
    expect(row(stats.groups, 0)).toEqual({
      label: 'frontend',
      count: 4,
      total: 1000,
      avg: 250,
      min: 100,
      max: 500,
      self: 160,
      selfPct: 32,
      errors: 0,
    });
    // api: s1 180 - 60 = 120, s2 180, s3 80.
    expect(row(stats.groups, 1)).toMatchObject({
      count: 3,
      total: 440,
      self: 380,
      min: 80,
      max: 180,
      errors: 1,
    });
    expect(row(stats.groups, 2)).toMatchObject({ count: 1, total: 60, self: 60 });
    expect(row(stats.totals, 0)).toMatchObject({ label: null, count: 8, total: 1500, self: 600, errors: 1 });
    expect(stats.subGroups).toBeNull();
  });

  it('groups by operation across services', () => {
    const stats = statsOf({ by: 'operation' });
    expect(stats.groups.labels).toEqual(['GET /cart', 'GET /checkout', 'POST /pay', 'SELECT']);
    expect(row(stats.groups, 0)).toMatchObject({ count: 4, total: 760, self: 340 });
  });

  it('groups by an attribute, span value over resource value, with a group for spans without it', () => {
    const byRoute = statsOf({ by: 'attribute', key: 'http.route' });
    expect(byRoute.groups.labels).toEqual([null, '/cart', '/pay']);
    expect(row(byRoute.groups, 0)).toMatchObject({ count: 5, total: 1060 });
    expect(row(byRoute.groups, 1)).toMatchObject({ count: 2, total: 360, errors: 1 });

    // s3 sets region=us itself; its resource says eu.
    const byRegion = statsOf({ by: 'attribute', key: 'region' });
    expect(byRegion.groups.labels).toEqual([null, 'eu', 'us']);
    expect(byRegion.groups.count[1]).toBe(2);
    expect(byRegion.groups.count[2]).toBe(1);
  });

  it('sub-groups each group, heaviest first within it', () => {
    const stats = statsOf({ by: 'service' }, { by: 'operation' });
    const { subGroups, subOffsets } = stats;
    if (!subGroups || !subOffsets) throw new Error('no sub-groups');
    const subsOf = (g: number) =>
      Array.from({ length: subOffsets[g + 1] - subOffsets[g] }, (_, k) => {
        const i = subOffsets[g] + k;
        return `${subGroups.labels[i]} ×${subGroups.count[i]} ${subGroups.totalUs[i]}`;
      });
    expect(subsOf(0)).toEqual(['GET /checkout ×1 500', 'GET /cart ×2 400', 'POST /pay ×1 100']);
    expect(subsOf(1)).toEqual(['GET /cart ×2 360', 'POST /pay ×1 80']);
    expect(subsOf(2)).toEqual(['SELECT ×1 60']);
    // Sub-groups partition their group.
    for (let g = 0; g < 3; g++) {
      let count = 0;
      for (let i = subOffsets[g]; i < subOffsets[g + 1]; i++) count += subGroups.count[i];
      expect(count).toBe(stats.groups.count[g]);
    }
  });

  it('sorts groups by any column, the missing-value group last', () => {
    const stats = statsOf({ by: 'attribute', key: 'http.route' });
    const labels = (order: Int32Array) => Array.from(order, (i) => stats.groups.labels[i]);
    expect(labels(orderStatistics(stats.groups, 0, 3, 'label', false, 500))).toEqual(['/cart', '/pay', null]);
    expect(labels(orderStatistics(stats.groups, 0, 3, 'label', true, 500))).toEqual(['/pay', '/cart', null]);
    expect(labels(orderStatistics(stats.groups, 0, 3, 'count', false, 500))).toEqual(['/pay', '/cart', null]);
    expect(labels(orderStatistics(stats.groups, 0, 3, 'errors', true, 500))).toEqual(['/cart', null, '/pay']);
  });

  it('is all zeros for an empty trace', () => {
    const index = buildTraceIndex(buildTrace([]));
    const stats = traceStatistics(index, selfTimes(index), { by: 'service' });
    expect(stats.groups.labels).toEqual([]);
    expect(row(stats.totals, 0, 0)).toMatchObject({ count: 0, total: 0, min: 0, max: 0, selfPct: 0 });
  });
});

describe('statisticsCsv', () => {
  const headings = { group: 'Service', subGroup: 'Operation', missing: (h: string) => `(no ${h})` };

  it('writes one line per group with units in the headings', () => {
    const lines = statisticsCsv(statsOf({ by: 'service' }), headings).split('\r\n');
    expect(lines[0]).toBe(
      'Service,Count,Total (µs),Avg (µs),Min (µs),Max (µs),Self total (µs),Self avg (µs),Self min (µs),' +
        'Self max (µs),Self % of trace (%),Errors',
    );
    expect(lines[1]).toBe('frontend,4,1000,250,100,500,160,40,20,100,32,0');
    expect(lines).toHaveLength(5); // header, 3 groups, trailing empty line
  });

  it('writes (group, sub-group) pairs when sub-grouped, and names the missing group', () => {
    const csv = statisticsCsv(statsOf({ by: 'attribute', key: 'http.route' }, { by: 'service' }), {
      ...headings,
      group: 'http.route',
    });
    const lines = csv.trim().split('\r\n');
    expect(lines[0].startsWith('http.route,Operation,Count,')).toBe(true);
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual([
      '(no http.route),frontend,4',
      '(no http.route),db,1',
      '/cart,api,2',
      '/pay,api,1',
    ]);
  });
});

describe('attribute columns and keys', () => {
  it('lists every key with the spans that carry it on the span or its resource', () => {
    const index = buildTraceIndex(buildTrace(specs));
    expect(attributeKeys(index)).toEqual([
      { key: 'http.route', spanCount: 3, resourceCount: 0 },
      { key: 'region', spanCount: 1, resourceCount: 3 },
      { key: 'service.name', spanCount: 0, resourceCount: 8 },
    ]);
    const region = attributeColumn(index, 'region');
    expect(region.values).toEqual(['eu', 'us']);
    expect(Array.from(region.ids, (id) => (id < 0 ? '-' : region.values[id])).join(' ')).toBe(
      '- - eu - - eu - us',
    );
  });
});

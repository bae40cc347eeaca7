/** How the search reads the insight tally a Tracelens backend adds to v3 trace summaries. */
import { describe, expect, it } from 'vitest';
import { parseTraceSummaries } from '../../../api/traceSummaries';

const url = 'http://tracelens/api/v3/trace-summaries';
const summary = (extra: object) => ({
  traceId: '0af7651916cd43dd8448eb211c80319c',
  rootServiceName: 'shop',
  rootOperationName: 'checkout',
  minStartTimeUnixNano: '1764000000000000000',
  maxEndTimeUnixNano: '1764000000100000000',
  spanCount: 5,
  ...extra,
});

describe('tracelensInsights on a v3 trace summary', () => {
  it('becomes the summary’s tally; kinds this build does not know are skipped', () => {
    const [read] = parseTraceSummaries({
      url,
      body: { summaries: [summary({ tracelensInsights: { staircase: 1, 'error-origin': 2, later: 3 } })] },
    });
    expect(read.insights).toEqual({ staircase: 1, 'error-origin': 2 });
    expect(read.spanCount).toBe(5);
  });

  it('tells "looked at, nothing found" ({}) from "not looked at" (absent)', () => {
    const [none, unknown] = parseTraceSummaries({
      url,
      body: { summaries: [summary({ tracelensInsights: {} }), summary({})] },
    });
    expect(none.insights).toEqual({});
    expect(unknown).not.toHaveProperty('insights');
  });

  it('leaves a malformed tally out instead of failing the search', () => {
    const [read] = parseTraceSummaries({
      url,
      body: { summaries: [summary({ tracelensInsights: { staircase: 'many' } })] },
    });
    expect(read).not.toHaveProperty('insights');
    expect(read.rootOperationName).toBe('checkout');
  });
});

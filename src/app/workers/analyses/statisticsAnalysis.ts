/** Trace statistics for the Statistics view: groups, optional sub-groups and totals. */
import { traceStatistics, statisticsBuffers, type SpanGrouping } from '../../../core/analysis/statistics';
import { defineAnalysis } from './analysis';
import { selfTimesOf } from './perTrace';

export interface StatisticsParams {
  groupBy: SpanGrouping;
  subGroupBy: SpanGrouping | null;
}

export const statisticsAnalysis = defineAnalysis((context, params: StatisticsParams) => {
  const result = traceStatistics(context.index, selfTimesOf(context), params.groupBy, params.subGroupBy);
  return { result, transfer: statisticsBuffers(result) };
});

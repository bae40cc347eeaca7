/** The trace aggregated by service and operation (core/analysis/traceGraph), for the Graph view. */
import { traceGraph } from '../../../core/analysis/traceGraph';
import { defineAnalysis } from './analysis';
import { selfTimesOf } from './perTrace';

export const traceGraphAnalysis = defineAnalysis((context, _params: Record<string, never>) => {
  const critical = new Uint8Array(context.index.spans.length);
  for (const segment of context.critical) critical[segment.row] = 1;
  const result = traceGraph(
    context.index,
    selfTimesOf(context),
    context.critical.length > 0 ? critical : null,
  );
  return { result, transfer: [result.offsets.buffer, result.rows.buffer] };
});

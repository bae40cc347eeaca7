/**
 * What the Spans table shows beyond the skeleton the page already holds: self time and status
 * of every span, and on request one attribute as a column.
 */
import { attributeColumn } from '../../../core/analysis/attributeColumns';
import { statusCodes } from '../../../core/analysis/spanTable';
import { defineAnalysis } from './analysis';
import { selfTimesOf } from './perTrace';

export interface SpanColumns {
  /** Microseconds, by row. */
  selfUs: Float64Array;
  /** OTLP status code by row: 0 unset, 1 ok, 2 error. */
  statusCodes: Uint8Array;
}

export const spanColumnsAnalysis = defineAnalysis((context, _params: Record<string, never>) => {
  const result: SpanColumns = {
    selfUs: selfTimesOf(context).slice(),
    statusCodes: statusCodes(context.index),
  };
  return { result, transfer: [result.selfUs.buffer, result.statusCodes.buffer] };
});

export const attributeColumnAnalysis = defineAnalysis((context, params: { key: string }) => {
  const result = attributeColumn(context.index, params.key);
  return { result, transfer: [result.ids.buffer] };
});

/**
 * The flame graph's layout (core/analysis/flameLayout) and every span's self time, for the Flame
 * graph view: typed arrays only, transferred to the page.
 */
import { flameLayout, type FlameLayout } from '../../../core/analysis/flameLayout';
import { defineAnalysis } from './analysis';
import { selfTimesOf } from './perTrace';

export interface FlameGraphData extends FlameLayout {
  /** Self time of each row, microseconds. */
  selfUs: Float64Array;
}

export const flameAnalysis = defineAnalysis((context, _params: Record<string, never>) => {
  const layout = flameLayout(context.index);
  const result: FlameGraphData = { ...layout, selfUs: selfTimesOf(context).slice() };
  return {
    result,
    transfer: [
      result.level.buffer,
      result.levelOffsets.buffer,
      result.levelRows.buffer,
      result.selfUs.buffer,
    ],
  };
});

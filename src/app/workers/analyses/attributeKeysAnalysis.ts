/** The attribute keys present in the trace, for "group by" and "add column" pickers. */
import { attributeKeys } from '../../../core/analysis/attributeColumns';
import { defineAnalysis } from './analysis';
import { perTrace } from './perTrace';

const keysOf = perTrace((context) => attributeKeys(context.index));

export const attributeKeysAnalysis = defineAnalysis((context, _params: Record<string, never>) => ({
  result: keysOf(context),
}));

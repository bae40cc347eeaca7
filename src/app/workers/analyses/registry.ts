/**
 * Every analysis the trace worker can run, by name. Add a view's analysis here; the page calls
 * `handle.analyse('<name>', params)` and gets the result typed from the analysis itself.
 */
import type { Analysis } from './analysis';
import { PRIORITY, type Priority } from './workScheduler';
import { insightsAnalysis } from './insightsAnalysis';
import { attributeKeysAnalysis } from './attributeKeysAnalysis';
import { eventSearchAnalysis, eventTextsAnalysis } from './eventTextsAnalysis';
import { jsonBytesAnalysis, jsonLinesAnalysis, jsonOutlineAnalysis } from './jsonAnalysis';
import { attributeColumnAnalysis, spanColumnsAnalysis } from './spanColumnsAnalysis';
import { spanOrderAnalysis } from './spanOrderAnalysis';
import { statisticsAnalysis } from './statisticsAnalysis';
import { flameAnalysis } from './flameAnalysis';
import { traceGraphAnalysis } from './traceGraphAnalysis';

export const analyses = {
  insights: insightsAnalysis,
  statistics: statisticsAnalysis,
  attributeKeys: attributeKeysAnalysis,
  spanColumns: spanColumnsAnalysis,
  attributeColumn: attributeColumnAnalysis,
  spanOrder: spanOrderAnalysis,
  jsonOutline: jsonOutlineAnalysis,
  jsonLines: jsonLinesAnalysis,
  jsonBytes: jsonBytesAnalysis,
  eventTexts: eventTextsAnalysis,
  eventSearch: eventSearchAnalysis,
  flame: flameAnalysis,
  traceGraph: traceGraphAnalysis,
} satisfies Record<string, Analysis<never, unknown>>;

type Registry = typeof analyses;
export type AnalysisName = keyof Registry;
export type AnalysisParams<N extends AnalysisName> =
  Registry[N] extends Analysis<infer P, unknown> ? P : never;
export type AnalysisResult<N extends AnalysisName> = Registry[N] extends Analysis<never, infer R> ? R : never;

export function findAnalysis(name: string): Analysis<unknown, unknown> | null {
  if (!Object.hasOwn(analyses, name)) return null;
  return analyses[name as AnalysisName] as Analysis<unknown, unknown>;
}

/** Where a request for this analysis queues in the worker (workScheduler.ts); unknown ones fail at once. */
export function analysisPriority(name: string): Priority {
  return findAnalysis(name)?.priority === 'background' ? PRIORITY.background : PRIORITY.user;
}

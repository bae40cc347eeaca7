/**
 * Every analysis the trace worker can run, by name. Add a view's analysis here; the page calls
 * `handle.analyse('<name>', params)` and gets the result typed from the analysis itself.
 */
import type { Analysis } from './analysis';
import { eventsAnalysis } from './eventsAnalysis';

export const analyses = {
  events: eventsAnalysis,
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

/**
 * An analysis runs in the trace worker, next to the spans, and sends the page only its answer
 * (statistics rows, a flame layout, insights...). Each view adds one to `registry.ts`; the page
 * asks for it by name through `TraceHandle.analyse`, so the worker protocol never grows a case
 * per view.
 */
import type { CriticalSegment } from '../../../core/criticalPath/criticalPath';
import type { TraceIndex } from '../../../core/tree/traceIndex';

/** What an analysis may read: the indexed trace, its critical path, and the body as received. */
export interface AnalysisContext {
  index: TraceIndex;
  critical: readonly CriticalSegment[];
  /** The response body exactly as the backend (or an uploaded file) delivered it. */
  body: Uint8Array;
  /**
   * Memo for work shared by several requests of one trace (say, a statistics table that is
   * re-grouped): keyed by the analysis, cleared when another trace loads.
   */
  memo: Map<string, unknown>;
}

/**
 * What a background analysis answers after doing one slice of its work: the worker runs it again
 * (with the same params) once requests someone waits for have been answered, until it has a result.
 */
export const UNFINISHED: unique symbol = Symbol('unfinished');

export interface AnalysisOutput<R> {
  result: R | typeof UNFINISHED;
  /** Typed-array buffers inside `result` to transfer rather than copy. */
  transfer?: Transferable[];
}

export interface AnalysisOptions {
  /**
   * `background` for an analysis the page asks for on its own (insights on load): it waits until
   * no request someone is waiting for (a view being opened) is queued. Views use the default.
   */
  priority?: 'user' | 'background';
}

export interface Analysis<P, R> extends Required<AnalysisOptions> {
  run(context: AnalysisContext, params: P): AnalysisOutput<R>;
}

/** Declares an analysis with its parameter and result types inferred from `run`. */
export function defineAnalysis<P, R>(
  run: (context: AnalysisContext, params: P) => AnalysisOutput<R>,
  { priority = 'user' }: AnalysisOptions = {},
): Analysis<P, R> {
  return { run, priority };
}

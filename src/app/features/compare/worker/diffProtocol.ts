/** Messages between the compare page and its diff worker. */
import type { TraceDiff } from '../../../../core/diff/traceDiff';

export type Side = 'a' | 'b';

/** What the worker is doing; `aligning` is for both traces at once. */
export type DiffStage = 'parsing' | 'indexing' | 'indexed' | 'aligning';

export interface DiffTimings {
  /** JSON parsing and conversion, per side, ms. */
  parseMs: { a: number; b: number };
  /** Building the tree index, per side, ms. */
  indexMs: { a: number; b: number };
  /** Alignment, critical paths and figures, ms. */
  diffMs: number;
}

export type DiffWorkerRequest = { type: 'trace'; side: Side; bytes: Uint8Array; sourceUrl: string };

export type DiffWorkerResponse =
  | { type: 'stage'; side: Side | null; stage: DiffStage }
  | { type: 'failed'; side: Side; message: string; notFound: boolean }
  | { type: 'diffed'; diff: TraceDiff; timings: DiffTimings };

export type PostDiffResponse = (message: DiffWorkerResponse, transfer?: Transferable[]) => void;

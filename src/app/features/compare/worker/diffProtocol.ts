/** Messages between the compare page and its diff worker. */
import type { TraceDiff } from '../../../../core/diff/traceDiff';

export type Side = 'a' | 'b';

/** What the worker is doing; `aligning` is for both traces at once. */
export type DiffStage = 'parsing' | 'indexing' | 'indexed' | 'aligning';

export interface DiffTimings {
  /** Reading the JSON after its last byte arrived, per side, ms (most is done while it arrives). */
  parseMs: { a: number; b: number };
  /** Building the tree index, per side, ms. */
  indexMs: { a: number; b: number };
  /** Alignment, critical paths and figures, ms. */
  diffMs: number;
}

export type DiffWorkerRequest =
  /** A whole response (an uploaded file, or a download kept whole). */
  | { type: 'trace'; side: Side; bytes: Uint8Array; sourceUrl: string }
  /** A response streamed in: begin, its pieces as they arrive (scanned at once), then end. */
  | { type: 'begin'; side: Side; expectedBytes: number | null }
  | { type: 'chunk'; side: Side; bytes: Uint8Array }
  | { type: 'end'; side: Side; sourceUrl: string };

export type DiffWorkerResponse =
  | { type: 'stage'; side: Side | null; stage: DiffStage }
  | { type: 'failed'; side: Side; message: string; notFound: boolean }
  | { type: 'diffed'; diff: TraceDiff; timings: DiffTimings };

export type PostDiffResponse = (message: DiffWorkerResponse, transfer?: Transferable[]) => void;

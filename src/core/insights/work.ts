/**
 * Detectors as resumable work, so a worker can run them a slice at a time and answer someone in
 * between. A detector is a generator: each `yield` reports the work done since the previous one,
 * in span reads (decoding a span's attributes or events is one; a cheap pass over columns counts
 * a fraction per row), and is a place where it may be paused. Run to the end in one go, a
 * detector finds exactly what it finds a slice at a time: the code is the same.
 */

/** Yields work done (in span reads) as it goes; returns what it found. */
export type Work<T> = Generator<number, T, void>;

/** Yielded between detectors: ends the slice, so each detector starts a fresh one. */
export const SLICE_END = Number.POSITIVE_INFINITY;

/** Rows of a pass over columns (no span decoded) that cost as much as one span read. */
export const ROWS_PER_READ = 64;

/** Rows a column pass handles between two yields. */
export const ROWS_PER_YIELD = 8192;

/** What a column pass of ROWS_PER_YIELD rows reports. */
export const COLUMN_PASS_COST = ROWS_PER_YIELD / ROWS_PER_READ;

/** Runs work to its end. */
export function finish<T>(work: Work<T>): T {
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
  }
}

/** Where a sliced run stands after a slice. */
export type Slice<T> = { done: true; value: T } | { done: false; spent: number };

/**
 * Runs work until it has reported `budget` span reads (or ended a detector), or until `outOfTime`
 * (asked between steps) says so, and says whether it is done. A slice overshoots by at most one
 * step's work: a few dozen span reads.
 */
export function runSlice<T>(work: Work<T>, budget: number, outOfTime: () => boolean = () => false): Slice<T> {
  let spent = 0;
  for (;;) {
    const step = work.next();
    if (step.done) return { done: true, value: step.value };
    spent += step.value;
    if (spent >= budget || outOfTime()) return { done: false, spent };
  }
}

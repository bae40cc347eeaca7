/**
 * Structural problems of a trace that change how far its waterfall can be trusted, counted
 * once per trace and worded for the person reading the trace, not for the instrumentation's
 * author: what is wrong, and what the view did about it.
 */
import type { TraceTree } from '../tree/traceIndex';

export interface TraceProblems {
  /** Spans whose parent is not in the trace; shown at the top level. */
  orphans: number;
  /** Spans whose span ID an earlier span already uses. */
  duplicateIds: number;
  /** Spans on or below a parent-reference cycle. */
  cycles: number;
  /** Children that start before their parent: causally impossible, so the clocks disagree. */
  clockSkew: number;
  /** Children that start inside their parent but end after it. */
  childrenOutsideParent: number;
  /** Spans whose end is not after their start. */
  zeroDuration: number;
}

export type TraceProblemKind = keyof TraceProblems;

export interface TraceProblemMessage {
  kind: TraceProblemKind;
  count: number;
  message: string;
}

export function traceProblems(index: TraceTree): TraceProblems {
  const { parent, startUs, durationUs } = index;
  let clockSkew = 0;
  let childrenOutsideParent = 0;
  let zeroDuration = 0;
  for (let row = 0; row < parent.length; row++) {
    if (durationUs[row] <= 0) zeroDuration++;
    const p = parent[row];
    if (p < 0) continue;
    if (startUs[row] < startUs[p]) clockSkew++;
    else if (startUs[row] + durationUs[row] > startUs[p] + durationUs[p]) childrenOutsideParent++;
  }
  return {
    orphans: index.orphanCount,
    duplicateIds: index.duplicateSpanIdCount,
    cycles: index.cycleSpanCount,
    clockSkew,
    childrenOutsideParent,
    zeroDuration,
  };
}

const spans = (count: number) => (count === 1 ? '1 span' : `${count.toLocaleString('en-US')} spans`);
const verb = (count: number, one: string, many: string) => (count === 1 ? one : many);

const DESCRIBE: Record<TraceProblemKind, (count: number) => string> = {
  orphans: (c) =>
    `${spans(c)} ${verb(c, 'references a parent that is', 'reference a parent that is')} not in this trace; ` +
    `${verb(c, 'it is', 'they are')} shown at the top level. The trace is incomplete: the parent may ` +
    'have been dropped by sampling, lost in transit, or not be stored yet.',
  duplicateIds: (c) =>
    `${spans(c)} ${verb(c, 'reuses a span ID', 'reuse span IDs')} already used in this trace. Children ` +
    'naming that ID are attached to its first span, so part of the tree may sit under the wrong span. ' +
    'Usually a client and a server span sharing an ID (Zipkin style) or a span exported twice.',
  cycles: (c) =>
    `${spans(c)} ${verb(c, 'is', 'are')} on or below a loop of parent references (a span that is its ` +
    'own ancestor). Each loop was cut at its earliest span, which is shown at the top level, so the ' +
    'nesting there is a guess.',
  clockSkew: (c) =>
    `${spans(c)} ${verb(c, 'starts', 'start')} before ${verb(c, 'its parent does', 'their parents do')}, ` +
    'which cannot happen: the clocks of the hosts involved disagree. Gaps and overlaps between ' +
    'those spans and their parents are not real.',
  childrenOutsideParent: (c) =>
    `${spans(c)} ${verb(c, 'ends', 'end')} after ${verb(c, 'its parent', 'their parents')}. That is normal ` +
    'for work the parent did not wait for (fire-and-forget calls, queued messages); otherwise it is ' +
    'clock skew. The critical path counts only the part inside the parent.',
  zeroDuration: (c) =>
    `${spans(c)} ${verb(c, 'has', 'have')} no duration (the end is not after the start). The ` +
    'instrumentation probably ended ' +
    `${verb(c, 'it', 'them')} at once or never recorded the end; ${verb(c, 'its', 'their')} timing says nothing.`,
};

/** One message per problem that occurs, most serious first. */
export function traceProblemMessages(problems: TraceProblems): TraceProblemMessage[] {
  const order: TraceProblemKind[] = [
    'cycles',
    'duplicateIds',
    'orphans',
    'clockSkew',
    'childrenOutsideParent',
    'zeroDuration',
  ];
  return order
    .filter((kind) => problems[kind] > 0)
    .map((kind) => ({ kind, count: problems[kind], message: DESCRIBE[kind](problems[kind]) }));
}

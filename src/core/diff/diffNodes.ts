/** Questions asked of one node of a TraceDiff: where it is, what changed, by how much. */
import type { TraceDiff } from './traceDiff';

export type NodePresence = 'both' | 'onlyA' | 'onlyB';

export function nodePresence(diff: TraceDiff, node: number): NodePresence {
  if (diff.a.count[node] === 0) return 'onlyB';
  if (diff.b.count[node] === 0) return 'onlyA';
  return 'both';
}

/**
 * How a node changed, for colouring: added and removed by presence; otherwise slower or faster
 * when its total duration moved by at least `relative` of A's total and at least `absoluteUs`
 * (so that 2 µs becoming 5 µs is not painted as a 150 % regression), else the same.
 */
export type NodeChange = 'added' | 'removed' | 'slower' | 'faster' | 'same';

export interface ChangeThresholds {
  relative: number;
  absoluteUs: number;
}

/** 10 % and 1 % of the longer of the two traces. */
export function defaultThresholds(diff: TraceDiff): ChangeThresholds {
  return { relative: 0.1, absoluteUs: 0.01 * Math.max(diff.facts.a.durationUs, diff.facts.b.durationUs) };
}

export function nodeChange(diff: TraceDiff, node: number, thresholds: ChangeThresholds): NodeChange {
  const presence = nodePresence(diff, node);
  if (presence === 'onlyA') return 'removed';
  if (presence === 'onlyB') return 'added';
  const before = diff.a.totalUs[node];
  const delta = diff.b.totalUs[node] - before;
  if (Math.abs(delta) < thresholds.absoluteUs || Math.abs(delta) < thresholds.relative * before)
    return 'same';
  return delta > 0 ? 'slower' : 'faster';
}

/** (b − a) / a as a percentage; null when A has nothing to compare with (a new cost). */
export function percentChange(a: number, b: number): number | null {
  if (a === 0) return b === 0 ? 0 : null;
  return ((b - a) / a) * 100;
}

/** The node's part of the end-to-end change: its critical-path time in B minus in A, µs. */
export function contribution(diff: TraceDiff, node: number): number {
  return diff.b.criticalUs[node] - diff.a.criticalUs[node];
}

export function nodeLabel(diff: TraceDiff, node: number): string {
  return `${diff.services[diff.service[node]]}: ${diff.operations[diff.operation[node]]}`;
}

/** Labels from the root path down to the node, without recursion. */
export function nodePath(diff: TraceDiff, node: number): string[] {
  const labels: string[] = [];
  for (let n = node; n >= 0; n = diff.parent[n]) labels.push(nodeLabel(diff, n));
  return labels.reverse();
}

export interface PresenceCounts {
  both: number;
  onlyA: number;
  onlyB: number;
}

export function presenceCounts(diff: TraceDiff): PresenceCounts {
  const counts: PresenceCounts = { both: 0, onlyA: 0, onlyB: 0 };
  for (let node = 0; node < diff.size; node++) counts[nodePresence(diff, node)]++;
  return counts;
}

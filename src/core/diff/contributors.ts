/**
 * Which nodes explain the end-to-end change.
 *
 * The critical path of a trace tiles its root's duration: every microsecond of it belongs to
 * exactly one span, the one the trace was waiting on then (criticalPath.ts). Summing that time
 * per aligned node gives `critical[node]`, and the sum over all nodes is the trace's critical
 * path length. So a node's *contribution*, `criticalB[node] − criticalA[node]`, is the part of
 * the end-to-end change that happened in that node's own work — not in its children's (their
 * time on the path is theirs) and not in work nobody waited for (off-path spans contribute 0,
 * however much slower they got). The contributions add up exactly to the change in critical
 * path length, which is the end-to-end change for a trace with one root.
 *
 * The rule: rank nodes by |contribution|, largest first, and take the shortest prefix whose
 * absolute contributions reach `share` (80 %) of the sum of all absolute contributions, at most
 * `maxCount` (5) nodes. Absolute values, so that a +100 ms regression hidden behind a −100 ms
 * improvement elsewhere (net change 0) still shows both. A node whose contribution is below
 * `noiseShare` (1 %) of the longer critical path is never chosen: two runs of the same request
 * differ by a little everywhere, and that is jitter, not an explanation.
 */

export interface ContributorRule {
  share: number;
  maxCount: number;
  noiseShare: number;
}

export const defaultContributorRule: ContributorRule = { share: 0.8, maxCount: 5, noiseShare: 0.01 };

/** Node indices, biggest absolute contribution first. O(n log n). */
export function topContributors(
  criticalA: Float64Array,
  criticalB: Float64Array,
  rule: Partial<ContributorRule> = {},
): Int32Array {
  const { share, maxCount, noiseShare } = { ...defaultContributorRule, ...rule };
  const n = criticalA.length;
  let pathA = 0;
  let pathB = 0;
  let totalChange = 0;
  for (let i = 0; i < n; i++) {
    pathA += criticalA[i];
    pathB += criticalB[i];
    totalChange += Math.abs(criticalB[i] - criticalA[i]);
  }
  const noise = noiseShare * Math.max(pathA, pathB);
  const candidates: number[] = [];
  for (let i = 0; i < n; i++) {
    const change = Math.abs(criticalB[i] - criticalA[i]);
    if (change > 0 && change >= noise) candidates.push(i);
  }
  const change = (i: number) => Math.abs(criticalB[i] - criticalA[i]);
  candidates.sort((x, y) => change(y) - change(x) || x - y);

  const chosen: number[] = [];
  let explained = 0;
  for (const node of candidates) {
    if (chosen.length >= maxCount || explained >= share * totalChange) break;
    chosen.push(node);
    explained += change(node);
  }
  return Int32Array.from(chosen);
}

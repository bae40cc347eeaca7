/**
 * Calls to one resource that queue: from different callers, never overlapping, each starting the
 * moment the previous one ends although its caller was ready earlier. That is what a lock, a
 * single connection or a one-at-a-time server looks like from the outside. Servers are grouped by
 * service and operation, clients by operation and the peer they call.
 */
import { SpanKind } from '../model/trace';
import { formatMicros, plural } from './formatTime';
import { rowSet, SAME_INSTANT_US, type Insight } from './insight';
import type { InsightContext } from './insightContext';
import { peerOf } from './peers';
import { readyTimeOf, type ContentionFindings, type WaitWindow } from './waitWindow';
import { COLUMN_PASS_COST, ROWS_PER_READ, ROWS_PER_YIELD, type Work } from './work';

/** Back to back: the next call starts within this share of an average call after the previous ends. */
const HANDOFF_SHARE = 0.05;
const HANDOFF_FLOOR_US = 50;
/** A lock or connection passes to the next waiter at once: a longer pause is not a hand-off. */
const HANDOFF_CEILING_US = 2000;
/** A queue needs at least this many calls in a row, two of them having waited. */
const MIN_QUEUE = 3;

/** Spans read (or waits measured) between two yields. */
const READS_PER_YIELD = 32;

/** Resumable (work.ts): a pass over columns, then each group's calls in start order. */
export function* queuedCallsWork(ctx: InsightContext): Work<ContentionFindings> {
  const insights: Insight[] = [];
  const explained: WaitWindow[] = [];
  for (const calls of yield* resourceGroups(ctx)) {
    const queue = yield* queueOf(ctx, calls);
    if (!queue) continue;
    insights.push(queue.insight);
    explained.push(...queue.waits);
  }
  return { insights, explained };
}

/** Client and server spans by resource, only groups with callers under more than one parent. */
function* resourceGroups(ctx: InsightContext): Work<number[][]> {
  const { kind, service, operation, operations, parent } = ctx.index;
  const byKey = new Map<number, number[]>();
  const ops = Math.max(1, operations.length);
  for (let row = 0; row < kind.length; row++) {
    if (row % ROWS_PER_YIELD === ROWS_PER_YIELD - 1) yield COLUMN_PASS_COST;
    const k = kind[row];
    if (k !== SpanKind.Client && k !== SpanKind.Server) continue;
    const key = k === SpanKind.Server ? (service[row] + 1) * ops + operation[row] : operation[row];
    const rows = byKey.get(key);
    if (rows) rows.push(row);
    else byKey.set(key, [row]);
  }
  const groups: number[][] = [];
  for (const rows of byKey.values()) {
    if (rows.length < MIN_QUEUE) continue;
    if (rows.every((r) => parent[r] === parent[rows[0]])) continue;
    groups.push(rows);
  }
  return groups;
}

interface Queue {
  insight: Insight;
  waits: WaitWindow[];
}

function* queueOf(ctx: InsightContext, group: number[]): Work<Queue | null> {
  const { startUs, durationUs, parent } = ctx.index;
  const calls = group.sort((a, b) => startUs[a] - startUs[b] || a - b);
  yield (calls.length * Math.log2(calls.length + 1)) / ROWS_PER_READ;
  let reads = 0;
  let totalUs = 0;
  for (const r of calls) totalUs += durationUs[r];
  const handoff = Math.min(
    HANDOFF_CEILING_US,
    Math.max(HANDOFF_FLOOR_US, (HANDOFF_SHARE * totalUs) / calls.length),
  );
  // Servers are grouped by service already; clients must also call the same peer.
  const peers = new Map<number, string>();
  const peerOfRow = (row: number) => {
    let p = peers.get(row);
    if (p === undefined) {
      peers.set(row, (p = peerOf(ctx, row)));
      reads++;
    }
    return p;
  };
  const samePeer = (a: number, b: number) =>
    ctx.index.kind[a] === SpanKind.Server || peerOfRow(a) === peerOfRow(b);

  const queued = new Set<number>();
  const waits: WaitWindow[] = [];
  // The current chain is calls[chainFrom … i - 1]; its waits are kept until it ends.
  let chainFrom = 0;
  const chainWaits: WaitWindow[] = [];
  const closeChain = (end: number) => {
    if (end - chainFrom >= MIN_QUEUE && chainWaits.length >= MIN_QUEUE - 1) {
      for (let k = chainFrom; k < end; k++) queued.add(calls[k]);
      waits.push(...chainWaits);
    }
  };
  for (let i = 1; i < calls.length; i++) {
    // Walking back to a previous sibling (readyTimeOf) is a few column reads.
    reads += 1 / ROWS_PER_READ;
    if (reads >= READS_PER_YIELD) {
      yield reads;
      reads = 0;
    }
    const previous = calls[i - 1];
    const call = calls[i];
    const previousEnd = ctx.endUs(previous);
    const start = startUs[call];
    // Cheapest tests first: most calls of a busy operation overlap the one before.
    const handedOver =
      start >= previousEnd - SAME_INSTANT_US &&
      start - previousEnd <= handoff &&
      parent[call] !== parent[previous];
    const ready = handedOver ? readyTimeOf(ctx, call) : start;
    if (handedOver && ready < previousEnd && start - ready > handoff && samePeer(call, previous)) {
      chainWaits.push({ row: parent[call], fromUs: ready, toUs: start });
      continue;
    }
    if (chainWaits.length > 0) {
      closeChain(i);
      chainWaits.length = 0;
    }
    chainFrom = i;
  }
  closeChain(calls.length);
  if (queued.size === 0) return null;

  let waitedUs = 0;
  let atStake = 0;
  for (const w of waits) {
    waitedUs += w.toUs - w.fromUs;
    if (w.row >= 0) atStake += ctx.criticalTimeFor(w.row, w.fromUs, w.toUs);
    if (++reads >= READS_PER_YIELD) {
      yield reads;
      reads = 0;
    }
  }
  yield reads;
  if (atStake < ctx.noiseFloorUs) return null;
  const first = calls.find((r) => queued.has(r)) ?? calls[0];
  const peer = peerOf(ctx, first);
  return {
    insight: {
      kind: 'contention',
      rows: rowSet(queued),
      timeAtStakeUs: atStake,
      summary:
        `${plural(queued.size, `${ctx.operationName(first)} call`)}${peer ? ` to ${peer}` : ''} ` +
        `from concurrent callers ran back to back, never overlapping: they queued ${formatMicros(waitedUs)} ` +
        `in total (a lock or a single connection), ${formatMicros(atStake)} of it on the critical path.`,
    },
    waits,
  };
}

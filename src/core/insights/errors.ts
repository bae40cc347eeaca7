/**
 * Where errors come from, and which of them mattered. An error span whose parent also failed
 * passed its failure up; following those links down from the highest failed span finds the
 * origin: the deepest span of the chain. A chain that reaches a root failed the request. A failed
 * call whose caller did not fail was handled: a later call of the same operation with the same
 * request (statement, URL) is a retry, recovered if one succeeded.
 */
import { formatMicros, plural } from './formatTime';
import { rowSet, type Insight } from './insight';
import type { InsightContext } from './insightContext';
import { COLUMN_PASS_COST, finish, ROWS_PER_READ, ROWS_PER_YIELD, type Work } from './work';

/** What makes two calls "the same request", for recognising a retry. */
const REQUEST_KEYS = ['db.query.text', 'db.statement', 'url.full', 'http.url', 'url.path', 'http.target'];
/** Successful calls of the operation looked at after a failure, for its retry: retries come next. */
const MAX_RETRY_SCAN = 32;
const MAX_REASON_CHARS = 80;

/** Spans read (or windows measured) between two yields. */
const READS_PER_YIELD = 32;

/** The detector in one go: `errorsWork` to completion. */
export function detectErrors(ctx: InsightContext): Insight[] {
  return finish(errorsWork(ctx));
}

/**
 * Resumable (work.ts): a pass over columns, then the failures a few spans at a time (each
 * finding reads its origin's status; a retry, the request of each failed call and of the
 * successful calls after them).
 */
export function* errorsWork(ctx: InsightContext): Work<Insight[]> {
  const tops = yield* failureTops(ctx);
  const insights: Insight[] = [];
  const handled = new Map<string, number[]>();
  const meter = new ReadMeter();
  for (const [top, origin] of tops) {
    if (meter.add(1 / ROWS_PER_READ)) yield meter.take();
    const p = ctx.index.parent[top];
    if (p < 0) {
      insights.push(originInsight(ctx, top, origin));
      if (meter.add(ORIGIN_READS)) yield meter.take();
      continue;
    }
    const key = `${p} ${ctx.index.service[top]} ${ctx.index.operation[top]}`;
    const group = handled.get(key);
    if (group) group.push(top);
    else handled.set(key, [top]);
  }
  for (const failures of handled.values()) {
    const retried = yield* retriesOf(ctx, failures, meter);
    if (retried) insights.push(retried);
    for (const top of failures) {
      const origin = tops.get(top) ?? top;
      // A contained chain, not retried: still worth showing where it began.
      if (!retried && origin !== top) {
        insights.push(originInsight(ctx, top, origin));
        if (meter.add(ORIGIN_READS)) yield meter.take();
      }
    }
  }
  yield meter.take();
  return insights;
}

/** An origin finding reads the origin's status (and maybe events), and measures a window. */
const ORIGIN_READS = 2;

/** Counts reads until a yield is due. */
class ReadMeter {
  private reads = 0;

  /** True when READS_PER_YIELD have been counted since the last `take`. */
  add(reads: number): boolean {
    this.reads += reads;
    return this.reads >= READS_PER_YIELD;
  }

  take(): number {
    const reads = this.reads;
    this.reads = 0;
    return reads;
  }
}

/**
 * Each highest failed span (its parent did not fail) with the origin of its chain: the deepest
 * failed span reached through failed parents, the last to end among equals.
 */
function* failureTops(ctx: InsightContext): Work<Map<number, number>> {
  const { error, parent, depth } = ctx.index;
  const topOf = new Map<number, number>();
  const origins = new Map<number, number>();
  if (ctx.index.errorCount === 0) return origins;
  for (let row = 0; row < error.length; row++) {
    if (row % ROWS_PER_YIELD === ROWS_PER_YIELD - 1) yield COLUMN_PASS_COST;
    if (error[row] !== 1) continue;
    const p = parent[row];
    const top = p >= 0 && error[p] === 1 ? (topOf.get(p) ?? p) : row;
    topOf.set(row, top);
    const best = origins.get(top);
    if (
      best === undefined ||
      depth[row] > depth[best] ||
      (depth[row] === depth[best] && ctx.endUs(row) > ctx.endUs(best))
    ) {
      origins.set(top, row);
    }
  }
  return origins;
}

function originInsight(ctx: InsightContext, top: number, origin: number): Insight {
  const { parent } = ctx.index;
  const chain: number[] = [];
  for (let r = origin; r >= 0 && r !== parent[top]; r = parent[r]) chain.push(r);
  const reason = reasonOf(ctx, origin);
  const because = reason ? ` (${reason})` : '';
  const through = chain.length - 1;
  let summary: string;
  if (parent[top] >= 0) {
    summary =
      `${ctx.label(origin)} failed${because} and ${plural(through, 'caller')} failed with it, ` +
      `up to ${ctx.label(top)}; ${ctx.label(parent[top])} carried on.`;
  } else if (origin === top) {
    summary = `The request failed in ${ctx.label(top)} itself${because}: no span below it failed.`;
  } else {
    summary =
      `The request failed because ${ctx.label(origin)} failed${because}; ` +
      `the error went up through ${plural(through, 'span')} to ${ctx.label(top)}.`;
  }
  return {
    kind: 'error-origin',
    rows: rowSet(chain),
    timeAtStakeUs:
      parent[top] >= 0 ? ctx.criticalTimeDuring(parent[top], [top]) : ctx.criticalTimeOfSubtree(top),
    summary,
  };
}

/**
 * Failed calls of one operation under one caller that did not fail: retried when a later call
 * of the same request followed. Null when none of them was retried.
 */
function* retriesOf(
  ctx: InsightContext,
  failures: readonly number[],
  meter: ReadMeter,
): Work<Insight | null> {
  const { parent, subtreeEnd, service, operation, error } = ctx.index;
  const p = parent[failures[0]];
  const first = failures[0];
  const requestOf = (row: number) => ctx.text(row, REQUEST_KEYS);
  const failedRequests = new Map<string, number>();
  for (const f of failures) {
    const request = requestOf(f);
    failedRequests.set(request, (failedRequests.get(request) ?? 0) + 1);
    if (meter.add(1)) yield meter.take();
  }

  // Later successful calls of the same operation, by request, until every failed one is matched.
  const succeeded = new Set<string>();
  let scanned = 0;
  for (
    let c = subtreeEnd[first];
    c < subtreeEnd[p] && scanned < MAX_RETRY_SCAN && succeeded.size < failedRequests.size;
    c = subtreeEnd[c]
  ) {
    if (meter.add(1 / ROWS_PER_READ)) yield meter.take();
    if (service[c] !== service[first] || operation[c] !== operation[first] || error[c] === 1) continue;
    scanned++;
    if (meter.add(1)) yield meter.take();
    const request = requestOf(c);
    if (failedRequests.has(request)) succeeded.add(request);
  }
  let recovered = 0;
  let gaveUp = 0;
  for (const [request, count] of failedRequests) {
    if (succeeded.has(request)) recovered++;
    else if (count > 1) gaveUp++;
  }
  if (recovered === 0 && gaveUp === 0) return null;
  if (meter.add(ORIGIN_READS)) yield meter.take();

  const lost = ctx.criticalTimeDuring(p, failures);
  const reason = reasonOf(ctx, first);
  const outcome = [
    recovered > 0 ? `${plural(recovered, 'retry', 'retries')} recovered` : '',
    gaveUp > 0 ? `${plural(gaveUp, 'request')} gave up after repeated failures` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return {
    kind: 'retried-errors',
    rows: rowSet(failures),
    timeAtStakeUs: lost,
    summary:
      `${ctx.label(first)} failed ${plural(failures.length, 'time')}${reason ? ` (${reason})` : ''} ` +
      `under ${ctx.label(p)}: ${outcome}, costing ${formatMicros(lost)} of the critical path.`,
  };
}

/** The status message, or the first exception's message. */
function reasonOf(ctx: InsightContext, row: number): string {
  const span = ctx.index.spans[row];
  let reason = span.status.message;
  if (!reason) {
    for (const e of span.events) {
      if (e.name !== 'exception') continue;
      for (const a of e.attributes)
        if (a.key === 'exception.message' && a.type === 'string') reason = a.value;
      if (reason) break;
    }
  }
  reason = reason.replace(/\s+/g, ' ').trim();
  return reason.length > MAX_REASON_CHARS ? `${reason.slice(0, MAX_REASON_CHARS - 1)}…` : reason;
}

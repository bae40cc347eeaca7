/**
 * Lock waits the instrumentation recorded: an event such as "Waiting for lock" (HotROD's mysql
 * logs it, so does the demo), or a lock wait timeout in the status or an exception. How long the
 * span waited comes from, in order: a wait-duration attribute on the event, a later "acquired"
 * event, the timeout that ended the span, or the idle time before the span in its caller.
 */
import type { Attribute } from '../model/attributes';
import type { SpanEvent } from '../model/trace';
import { formatMicros, plural } from './formatTime';
import { rowSet, type Insight } from './insight';
import type { InsightContext } from './insightContext';
import { peerOf } from './peers';
import { readyTimeOf, type ContentionFindings, type WaitWindow } from './waitWindow';
import { COLUMN_PASS_COST, ROWS_PER_READ, ROWS_PER_YIELD, type Work } from './work';

const WAITING_FOR_LOCK = /\b(wait\w*|block\w*|queued)\b.*\block|\block\b.*\bwait/i;
const LOCK_ACQUIRED = /\b(acquired|obtained|granted|got)\b/i;
const LOCK_TIMEOUT = /lock[ _]?wait[ _]?timeout|lock timeout|deadlock/i;
/** `lock.wait.duration_ms`, `wait_time_us`, … with the unit in the key. */
const WAIT_DURATION_KEY = /wait.*(duration|time)|(duration|time).*wait/i;
const UNIT_SUFFIX: readonly (readonly [RegExp, number])[] = [
  [/[._](ns|nanos)$/i, 1e-3],
  [/[._](us|micros)$/i, 1],
  [/[._](ms|millis)$/i, 1e3],
  [/[._](s|seconds?)$/i, 1e6],
];

interface LockWait {
  row: number;
  /** The row whose own time the wait shows as: the span, or its caller when it waited before starting. */
  shownIn: number;
  fromUs: number;
  toUs: number;
  timeout: string;
}

/** Spans read (or waits measured) between two yields. */
const READS_PER_YIELD = 32;

/** Resumable (work.ts): a yield every READS_PER_YIELD spans with events (which it decodes). */
export function* lockWaitsWork(ctx: InsightContext): Work<ContentionFindings> {
  const byResource = new Map<string, LockWait[]>();
  // Span objects in the order they sit in memory, several times faster than display order.
  const { inputIndex, trace } = ctx.index;
  const rowOf = new Int32Array(inputIndex.length);
  for (let row = 0; row < inputIndex.length; row++) {
    rowOf[inputIndex[row]] = row;
    if (row % ROWS_PER_YIELD === ROWS_PER_YIELD - 1) yield COLUMN_PASS_COST;
  }
  let reads = 0;
  for (let i = 0; i < trace.spans.length; i++) {
    if (reads >= READS_PER_YIELD) {
      yield reads;
      reads = 0;
    }
    reads += 1 / ROWS_PER_READ;
    const span = trace.spans[i];
    if (span.events.length === 0 && (span.status.message === '' || !LOCK_TIMEOUT.test(span.status.message))) {
      continue;
    }
    reads++;
    const row = rowOf[i];
    const wait = lockWaitOf(ctx, row);
    if (!wait) continue;
    const resource = peerOf(ctx, row) || ctx.label(row);
    const waits = byResource.get(resource);
    if (waits) waits.push(wait);
    else byResource.set(resource, [wait]);
  }
  yield reads;
  reads = 0;
  const insights: Insight[] = [];
  const explained: WaitWindow[] = [];
  for (const [resource, waits] of byResource) {
    const { parent } = ctx.index;
    let atStake = 0;
    let waited = 0;
    for (const w of waits) {
      const scope = parent[w.row] >= 0 ? parent[w.row] : w.row;
      atStake += ctx.criticalTimeFor(scope, w.fromUs, w.toUs);
      waited += w.toUs - w.fromUs;
      if (++reads >= READS_PER_YIELD) {
        yield reads;
        reads = 0;
      }
    }
    if (atStake < ctx.noiseFloorUs) continue;
    for (const w of waits) explained.push({ row: w.shownIn, fromUs: w.fromUs, toUs: w.toUs });
    insights.push({
      kind: 'contention',
      rows: rowSet(waits.map((w) => w.row)),
      timeAtStakeUs: atStake,
      summary: summaryOf(ctx, resource, waits, waited),
    });
  }
  return { insights, explained };
}

function summaryOf(ctx: InsightContext, resource: string, waits: LockWait[], waitedUs: number): string {
  if (waits.length > 1) {
    return `${plural(waits.length, 'span')} waited ${formatMicros(waitedUs)} in total for a lock on ${resource}.`;
  }
  const [w] = waits;
  const on = peerOf(ctx, w.row) ? ` on ${resource}` : '';
  const gaveUp = w.timeout ? ` and gave up: ${w.timeout}` : '';
  return `${ctx.label(w.row)} waited ${formatMicros(waitedUs)} for a lock${on}${gaveUp}.`;
}

function lockWaitOf(ctx: InsightContext, row: number): LockWait | null {
  const span = ctx.index.spans[row];
  // Most spans with events have nothing to do with locks: decide that before anything else.
  const waiting = firstWaitingEvent(span.events);
  const timeoutEvent = lockTimeoutEvent(span.events);
  const statusTimeout = span.status.message !== '' && LOCK_TIMEOUT.test(span.status.message);
  if (waiting < 0 && timeoutEvent < 0 && !statusTimeout) return null;

  const start = ctx.index.startUs[row];
  const end = ctx.endUs(row);
  const at = (event: SpanEvent) => start + Number(event.timeUnixNano - span.startTimeUnixNano) / 1000;
  const timeout =
    timeoutEvent >= 0
      ? exceptionMessage(span.events[timeoutEvent]) || span.status.message
      : statusTimeout
        ? span.status.message
        : '';
  const waitAt = waiting >= 0 ? Math.min(end, Math.max(start, at(span.events[waiting]))) : start;
  const atStart = waitAt - start <= Math.max(1, 0.01 * (end - start));
  const window = (fromUs: number, toUs: number, shownIn = row): LockWait | null =>
    toUs > fromUs ? { row, shownIn, fromUs, toUs, timeout } : null;

  if (waiting >= 0) {
    const recorded = waitDurationUs(span.events[waiting].attributes);
    if (recorded !== null) {
      // At the span's start, the wait came before it: the span covers only the work under the lock.
      if (atStart && recorded > 0) return window(waitAt - recorded, waitAt, callerOf(ctx, row));
      return window(waitAt, Math.min(end, waitAt + recorded));
    }
    const acquired = span.events.findIndex((e, i) => i > waiting && LOCK_ACQUIRED.test(e.name));
    if (acquired >= 0) return window(waitAt, at(span.events[acquired]));
  }
  if (timeout) {
    // Recorded when the wait gave up; one recorded no later than the wait began cannot be its end.
    const gaveUpAt = timeoutEvent >= 0 ? at(span.events[timeoutEvent]) : end;
    return window(waitAt, gaveUpAt > waitAt ? Math.min(end, gaveUpAt) : end);
  }
  if (atStart) return window(readyTimeOf(ctx, row), start, callerOf(ctx, row));
  return null;
}

function firstWaitingEvent(events: readonly SpanEvent[]): number {
  for (let i = 0; i < events.length; i++) if (WAITING_FOR_LOCK.test(events[i].name)) return i;
  return -1;
}

/** An exception event whose type or message says the lock wait timed out. */
function lockTimeoutEvent(events: readonly SpanEvent[]): number {
  for (let i = 0; i < events.length; i++) {
    if (events[i].name !== 'exception') continue;
    for (const a of events[i].attributes) if (a.type === 'string' && LOCK_TIMEOUT.test(a.value)) return i;
  }
  return -1;
}

function callerOf(ctx: InsightContext, row: number): number {
  const p = ctx.index.parent[row];
  return p >= 0 ? p : row;
}

function exceptionMessage(event: SpanEvent): string {
  for (const a of event.attributes) if (a.key === 'exception.message' && a.type === 'string') return a.value;
  return '';
}

function waitDurationUs(attributes: readonly Attribute[]): number | null {
  for (const a of attributes) {
    if (!WAIT_DURATION_KEY.test(a.key)) continue;
    const unit = UNIT_SUFFIX.find(([suffix]) => suffix.test(a.key));
    const value = a.type === 'int64' ? Number(a.value) : a.type === 'float64' ? a.value : Number.NaN;
    if (unit && Number.isFinite(value) && value >= 0) return value * unit[1];
  }
  return null;
}

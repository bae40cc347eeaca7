/** Span events as the Events view shows and searches them. */
import { attributeValueToString } from '../model/attributes';
import type { SpanEvent } from '../model/trace';

/** `key=value` pairs separated by two spaces: one line that reads like a log line. */
export function eventAttributesText(event: SpanEvent): string {
  return event.attributes.map((a) => `${a.key}=${attributeValueToString(a)}`).join('  ');
}

/**
 * Event numbers in time order. Events are numbered span row by span row (as a trace skeleton's
 * eventOffsets do) and `timesUs[e]` is the time of event e; events at the same instant keep that
 * order. Already-ordered input (common: spans in display order start in time order) is not sorted.
 */
export function eventsByTime(timesUs: Float64Array): Int32Array {
  const order = new Int32Array(timesUs.length);
  let sorted = true;
  for (let e = 0; e < order.length; e++) {
    order[e] = e;
    if (e > 0 && timesUs[e] < timesUs[e - 1]) sorted = false;
  }
  return sorted ? order : order.sort((a, b) => timesUs[a] - timesUs[b] || a - b);
}

/** The span row of each event number. */
export function rowOfEvents(offsets: Int32Array): Int32Array {
  const rows = new Int32Array(offsets[offsets.length - 1] ?? 0);
  for (let row = 0; row + 1 < offsets.length; row++) rows.fill(row, offsets[row], offsets[row + 1]);
  return rows;
}

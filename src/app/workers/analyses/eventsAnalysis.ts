/**
 * Every span event (Jaeger's "logs") of the trace in one time-ordered list, for the Events view.
 * Columnar, so that a trace with a million events crosses to the page as a few buffers and one
 * array of strings rather than a million objects.
 */
import { attributeValueToString } from '../../../core/model/attributes';
import { defineAnalysis } from './analysis';

export interface TraceEvents {
  /** Span row of each event, in time order. */
  rows: Int32Array;
  /** Microseconds from the trace start. */
  timesUs: Float64Array;
  names: string[];
  /** The event's attributes as `key=value` pairs separated by two spaces, for display and filtering. */
  attributes: string[];
}

export const eventsAnalysis = defineAnalysis((context, _params: Record<string, never>) => {
  const { index } = context;
  const traceStartNs = BigInt(Math.round(index.traceStartUs)) * 1000n;
  const order: { row: number; timeUs: number; name: string; attributes: string }[] = [];
  for (let row = 0; row < index.spans.length; row++) {
    for (const event of index.spans[row].events) {
      order.push({
        row,
        timeUs: Number(event.timeUnixNano - traceStartNs) / 1000,
        name: event.name,
        attributes: event.attributes.map((a) => `${a.key}=${attributeValueToString(a)}`).join('  '),
      });
    }
  }
  // Stable: events at the same instant keep display order.
  order.sort((a, b) => a.timeUs - b.timeUs);
  const result: TraceEvents = {
    rows: Int32Array.from(order, (e) => e.row),
    timesUs: Float64Array.from(order, (e) => e.timeUs),
    names: order.map((e) => e.name),
    attributes: order.map((e) => e.attributes),
  };
  return { result, transfer: [result.rows.buffer, result.timesUs.buffer] };
});

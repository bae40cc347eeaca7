/**
 * Text of span events for the Events view, which draws rows from the event times the page
 * already holds: the names and attributes of the events on screen only (decoding a span is
 * what costs, and only those spans get decoded), and a text search over all of them.
 */
import { eventAttributesText } from '../../../core/analysis/eventText';
import { defineAnalysis } from './analysis';
import { perTrace } from './perTrace';

export interface EventTexts {
  names: string[];
  /** `key=value` pairs separated by two spaces. */
  attributes: string[];
}

/** Events named by span row and position among that span's events. */
export const eventTextsAnalysis = defineAnalysis((context, params: { rows: number[]; indexes: number[] }) => {
  const result: EventTexts = { names: [], attributes: [] };
  for (let i = 0; i < params.rows.length; i++) {
    const event = context.index.spans[params.rows[i]]?.events[params.indexes[i]];
    result.names.push(event?.name ?? '');
    result.attributes.push(event ? eventAttributesText(event) : '');
  }
  return { result };
});

/**
 * Lower-cased "name, attributes, service, operation" of every event, numbered row by row: made
 * on the first search, kept while the trace is open.
 */
const haystacksOf = perTrace((context) => {
  const { index } = context;
  const out: string[] = [];
  for (let row = 0; row < index.spans.length; row++) {
    const events = index.spans[row].events;
    if (events.length === 0) continue;
    const span = `\n${index.services[index.service[row]]}\n${index.operations[index.operation[row]]}`;
    for (const event of events) out.push(`${event.name}\n${eventAttributesText(event)}${span}`.toLowerCase());
  }
  return out;
});

/** Numbers (row by row) of the events whose text contains `text`, ignoring case. */
export const eventSearchAnalysis = defineAnalysis((context, params: { text: string }) => {
  const needle = params.text.trim().toLowerCase();
  const haystacks = haystacksOf(context);
  const hits: number[] = [];
  for (let e = 0; e < haystacks.length; e++) if (haystacks[e].includes(needle)) hits.push(e);
  const result = Int32Array.from(hits);
  return { result, transfer: [result.buffer] };
});

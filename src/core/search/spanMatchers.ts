/**
 * The two tests that look at attributes. What a span's attributes hold comes from an
 * AttributeMatcher: by default the trace's AttributeTable (each distinct (key, value) pair is
 * tested once per search, then one pass over the table's integer array, in input order, marks
 * the spans that have a hit pair); over a trace too large to keep decoded, the worker's reading
 * of the response's bytes (app/workers/byteAttributeMatcher.ts).
 */
import type { TraceIndex } from '../tree/traceIndex';
import { attributeTable, lowerCaseValues, NO_KEY, spansWithPair } from './attributeTable';
import type { FindColumns } from './findColumns';

export type RowTest = (row: number) => boolean;

/**
 * Which spans' attributes hold a term: their own attributes, their events' names and
 * attributes, and their resource's attributes. Asked for `rows` (display rows), it answers by
 * input position: 1 where the span of one of those rows holds the term; other entries are 0.
 */
export interface AttributeMatcher {
  /** Free text, lower-case: a substring of a key, of a value's text or of an event's name. */
  withText(text: string, rows: Int32Array): Uint8Array;
  /** `key=value`: the key exactly, and the value's text (as a tag search compares it) exactly. */
  withAttribute(key: string, value: string, rows: Int32Array): Uint8Array;
}

/** The AttributeTable's answers (built on the first search that needs it, kept per trace). */
export function tableAttributeMatcher(index: TraceIndex): AttributeMatcher {
  return {
    withText(text) {
      const table = attributeTable(index);
      const keyHit = namesContaining(
        table.keys.map((key) => key.toLowerCase()),
        text,
      );
      keyHit[NO_KEY] = 0;
      const pairHit = namesContaining(lowerCaseValues(table), text);
      const { pairKey } = table;
      for (let p = 0; p < pairKey.length; p++) if (keyHit[pairKey[p]] === 1) pairHit[p] = 1;
      return spansWithPair(table, index.spans.length, pairHit);
    },
    withAttribute(key, value) {
      const table = attributeTable(index);
      const keyId = table.keys.indexOf(key);
      const { pairKey, pairValue } = table;
      const pairHit = new Uint8Array(pairKey.length);
      let anyPair = false;
      if (keyId > NO_KEY) {
        for (let p = 0; p < pairKey.length; p++) {
          if (pairKey[p] === keyId && pairValue[p] === value) pairHit[p] = 1;
          anyPair ||= pairHit[p] === 1;
        }
      }
      return anyPair ? spansWithPair(table, index.spans.length, pairHit) : new Uint8Array(index.spans.length);
    },
  };
}

/** `key=value` on the rows still in question. */
export function attributeEquals(
  index: TraceIndex,
  attributes: AttributeMatcher,
  rows: Int32Array,
  key: string,
  value: string,
): RowTest {
  const hit = attributes.withAttribute(key, value, rows);
  const { inputIndex } = index;
  return (row) => hit[inputIndex[row]] === 1;
}

/**
 * Free text, case-insensitive, on the rows still in question: a substring of the operation,
 * the service, an attribute key or value, or an event name; or the start of the span ID. Only
 * the rows whose names do not hold the text are asked of the attributes.
 */
export function containsText(
  index: TraceIndex,
  columns: FindColumns,
  attributes: AttributeMatcher,
  rows: Int32Array,
  text: string,
): RowTest {
  const operationHit = namesContaining(columns.operationsLower, text);
  const serviceHit = namesContaining(columns.servicesLower, text);
  const { operation, service, inputIndex } = index;
  // Only the rows whose names do not hold the text are asked of the attributes.
  const unnamed = new Int32Array(rows.length);
  let count = 0;
  for (const row of rows)
    if (operationHit[operation[row]] === 0 && serviceHit[service[row]] === 0) unnamed[count++] = row;
  const asked = unnamed.subarray(0, count);
  const hit = attributes.withText(text, asked);
  markSpanIdPrefix(index, asked, text, hit);
  return (row) =>
    operationHit[operation[row]] === 1 || serviceHit[service[row]] === 1 || hit[inputIndex[row]] === 1;
}

function namesContaining(names: readonly string[], text: string): Uint8Array {
  const hit = new Uint8Array(names.length);
  for (let i = 0; i < names.length; i++) if (names[i].includes(text)) hit[i] = 1;
  return hit;
}

/**
 * Marks the spans (by input position) of `rows` whose ID starts with `text`. Span IDs are
 * lower-case hex, so only a hex term can match.
 */
function markSpanIdPrefix(index: TraceIndex, rows: Int32Array, text: string, hit: Uint8Array): void {
  if (!/^[0-9a-f]{1,16}$/.test(text)) return;
  const { spans, inputIndex } = index;
  for (const row of rows) if (spans[row].spanId.startsWith(text)) hit[inputIndex[row]] = 1;
}

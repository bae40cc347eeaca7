/**
 * The two tests that look at attributes, answered from the trace's AttributeTable: each
 * distinct (key, value) pair is tested once per search, then one pass over the table's integer
 * array, in input order, marks the spans that have a hit pair.
 */
import type { TraceIndex } from '../tree/traceIndex';
import { attributeTable, lowerCaseValues, NO_KEY, spansWithPair } from './attributeTable';
import type { FindColumns } from './findColumns';

export type RowTest = (row: number) => boolean;

/** `key=value`: the key exactly, the value's string form (as a tag search compares it) exactly. */
export function attributeEquals(index: TraceIndex, key: string, value: string): RowTest {
  const table = attributeTable(index);
  const keyId = table.keys.indexOf(key);
  if (keyId <= NO_KEY) return () => false;
  const { pairKey, pairValue } = table;
  const pairHit = new Uint8Array(pairKey.length);
  let anyPair = false;
  for (let p = 0; p < pairKey.length; p++) {
    if (pairKey[p] === keyId && pairValue[p] === value) {
      pairHit[p] = 1;
      anyPair = true;
    }
  }
  if (!anyPair) return () => false;
  const hit = spansWithPair(table, index.spans.length, pairHit);
  const { inputIndex } = index;
  return (row) => hit[inputIndex[row]] === 1;
}

/**
 * Free text, case-insensitive: a substring of the operation, the service, an attribute key or
 * value, or an event name; or the start of the span ID.
 */
export function containsText(index: TraceIndex, columns: FindColumns, text: string): RowTest {
  const operationHit = namesContaining(columns.operationsLower, text);
  const serviceHit = namesContaining(columns.servicesLower, text);
  const table = attributeTable(index);
  const keyHit = namesContaining(
    table.keys.map((key) => key.toLowerCase()),
    text,
  );
  keyHit[NO_KEY] = 0;
  const pairHit = namesContaining(lowerCaseValues(table), text);
  const { pairKey } = table;
  for (let p = 0; p < pairKey.length; p++) if (keyHit[pairKey[p]] === 1) pairHit[p] = 1;
  const hit = spansWithPair(table, index.spans.length, pairHit);
  markSpanIdPrefix(index, text, hit);
  const { operation, service, inputIndex } = index;
  return (row) =>
    operationHit[operation[row]] === 1 || serviceHit[service[row]] === 1 || hit[inputIndex[row]] === 1;
}

function namesContaining(names: readonly string[], text: string): Uint8Array {
  const hit = new Uint8Array(names.length);
  for (let i = 0; i < names.length; i++) if (names[i].includes(text)) hit[i] = 1;
  return hit;
}

/**
 * Marks the spans (by input position) whose ID starts with `text`. Span IDs are lower-case
 * hex, so only a hex term can match; IDs are read in input order, the order spans sit in memory.
 */
function markSpanIdPrefix(index: TraceIndex, text: string, hit: Uint8Array): void {
  if (!/^[0-9a-f]{1,16}$/.test(text)) return;
  const spans = index.trace.spans;
  for (let i = 0; i < spans.length; i++) if (spans[i].spanId.startsWith(text)) hit[i] = 1;
}

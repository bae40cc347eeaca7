/** How attribute values are labelled, copied and pretty-printed in the span details. */
import type { AttributeValue as Value } from '../../../../core/model/attributes';
import { attributeValueToString } from '../../../../core/model/attributes';

export const TYPE_LABELS: Record<Value['type'], string> = {
  string: 'string',
  int64: 'int',
  float64: 'double',
  bool: 'bool',
  binary: 'bytes',
  array: 'array',
  map: 'map',
  empty: 'empty',
};

/** Parsing a multi-megabyte string to pretty-print it would stall the panel; past this it stays text. */
const MAX_JSON_CHARS = 200_000;

/** A string that holds a JSON object or array, pretty-printed; null when it is not one. */
export function prettyJson(text: string): string | null {
  const t = text.trimStart();
  if (text.length > MAX_JSON_CHARS || (t[0] !== '{' && t[0] !== '[')) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? JSON.stringify(parsed, null, 2) : null;
  } catch {
    return null;
  }
}

/** The text a copy button should put on the clipboard for a value. */
export function copyText(value: Value): string {
  return attributeValueToString(value);
}

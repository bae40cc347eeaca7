/**
 * A find term against one span's attributes, as AttributeTable's answers would have it (same
 * lower-casing, same value text): for the spans a byte reading of the response cannot decide
 * (app/workers/byteAttributeMatcher.ts), and for resources.
 */
import { attributeValueToString, type Attribute } from '../model/attributes';
import type { Span } from '../model/trace';

/** Some attribute's key or value text holds `text` (lower-case), without case. */
export function attributesHoldText(attributes: readonly Attribute[], text: string): boolean {
  for (const a of attributes) {
    if (a.key.toLowerCase().includes(text) || attributeValueToString(a).toLowerCase().includes(text))
      return true;
  }
  return false;
}

/** Some attribute is `key` with exactly the value text `value`; never for an empty key. */
export function attributesHave(attributes: readonly Attribute[], key: string, value: string): boolean {
  if (key === '') return false;
  for (const a of attributes) if (a.key === key && attributeValueToString(a) === value) return true;
  return false;
}

/** The span's own attributes, or an event's name or attributes, hold `text` (lower-case). */
export function spanHoldsText(span: Span, text: string): boolean {
  if (attributesHoldText(span.attributes, text)) return true;
  for (const event of span.events) {
    if (event.name.toLowerCase().includes(text) || attributesHoldText(event.attributes, text)) return true;
  }
  return false;
}

/** The span's own attributes or an event's attributes have `key` = `value`. */
export function spanHasAttribute(span: Span, key: string, value: string): boolean {
  if (attributesHave(span.attributes, key, value)) return true;
  for (const event of span.events) if (attributesHave(event.attributes, key, value)) return true;
  return false;
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortAttributesByKey, type Attribute } from './attributes';

describe('sortAttributesByKey', () => {
  it('orders by key in code-unit order, stably, in a new array, short lists and long', () => {
    const attribute = fc
      .tuple(fc.constantFrom('a', 'b', 'B', 'aa', 'é', ''), fc.integer())
      .map(([key, n]): Attribute => ({ key, type: 'int64', value: BigInt(n) }));
    fc.assert(
      fc.property(fc.array(attribute, { maxLength: 40 }), (attributes) => {
        const before = attributes.slice();
        const sorted = sortAttributesByKey(attributes);
        // Array#sort is stable: the reference order.
        expect(sorted).toEqual(before.slice().sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0)));
        expect(sorted).not.toBe(attributes);
        expect(attributes).toEqual(before);
      }),
    );
  });
});

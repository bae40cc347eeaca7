import { describe, expect, it } from 'vitest';
import { ownValue } from './ownValue';

describe('ownValue', () => {
  const table = { server: 2, client: 3 };

  it('finds the entries of the table', () => {
    expect(ownValue(table, 'server')).toBe(2);
    expect(ownValue(table, 'absent')).toBeUndefined();
  });

  it('ignores what every object inherits', () => {
    for (const key of ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf'])
      expect(ownValue(table, key)).toBeUndefined();
  });
});

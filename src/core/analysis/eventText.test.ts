import { describe, expect, it } from 'vitest';
import type { SpanEvent } from '../model/trace';
import { eventAttributesText, eventsByTime, rowOfEvents } from './eventText';

describe('event helpers', () => {
  it('orders events by time, same-instant events in row order, without sorting sorted input', () => {
    expect(Array.from(eventsByTime(Float64Array.from([5, 1, 5, 0, 1])))).toEqual([3, 1, 4, 0, 2]);
    const sorted = Float64Array.from([0, 1, 1, 2]);
    expect(Array.from(eventsByTime(sorted))).toEqual([0, 1, 2, 3]);
    expect(eventsByTime(new Float64Array(0))).toHaveLength(0);
  });

  it('maps event numbers back to span rows', () => {
    // Row 0 has 2 events, row 1 none, row 2 one.
    expect(Array.from(rowOfEvents(Int32Array.from([0, 2, 2, 3])))).toEqual([0, 0, 2]);
    expect(rowOfEvents(Int32Array.from([0]))).toHaveLength(0);
  });

  it('writes attributes as key=value pairs', () => {
    const event: SpanEvent = {
      timeUnixNano: 0n,
      name: 'exception',
      attributes: [
        { key: 'exception.type', type: 'string', value: 'Timeout' },
        { key: 'attempt', type: 'int64', value: 2n },
      ],
    };
    expect(eventAttributesText(event)).toBe('exception.type=Timeout  attempt=2');
  });
});

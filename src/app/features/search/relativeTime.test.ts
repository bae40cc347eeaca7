import { describe, expect, it } from 'vitest';
import { relativeTime } from './relativeTime';

const NOW_MS = Date.parse('2026-11-24T16:00:00.000Z');
const agoUs = (seconds: number) => (NOW_MS - seconds * 1000) * 1000;

describe('relativeTime', () => {
  it('words a start time from seconds to years, past and (a clock ahead) future', () => {
    expect(relativeTime(agoUs(2), NOW_MS)).toBe('just now');
    expect(relativeTime(agoUs(30), NOW_MS)).toBe('30 seconds ago');
    expect(relativeTime(agoUs(3 * 60), NOW_MS)).toBe('3 minutes ago');
    expect(relativeTime(agoUs(5 * 3600), NOW_MS)).toBe('5 hours ago');
    expect(relativeTime(agoUs(86_400), NOW_MS)).toBe('yesterday');
    expect(relativeTime(agoUs(14 * 86_400), NOW_MS)).toBe('2 weeks ago');
    expect(relativeTime(agoUs(365 * 86_400), NOW_MS)).toBe('last year');
    expect(relativeTime(agoUs(3 * 365 * 86_400), NOW_MS)).toBe('3 years ago');
    expect(relativeTime(agoUs(-10), NOW_MS)).toBe('in 10 seconds');
  });
});

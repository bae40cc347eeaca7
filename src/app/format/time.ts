/** Wall-clock times from epoch microseconds, in the reader's locale and time zone. */

const dateTime = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

const dateTimeMs = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  fractionalSecondDigits: 3,
  hourCycle: 'h23',
});

/** `Nov 24, 2026, 14:03:21` */
export function formatStartTime(epochUs: number): string {
  return dateTime.format(new Date(epochUs / 1000));
}

/** `Nov 24, 2026, 14:03:21.123`: a trace header needs the milliseconds. */
export function formatStartTimePrecise(epochUs: number): string {
  return dateTimeMs.format(new Date(epochUs / 1000));
}

/** The ISO form for `<time dateTime>`, which assistive tech and copy-paste both understand. */
export function isoTime(epochUs: number): string {
  return new Date(epochUs / 1000).toISOString();
}

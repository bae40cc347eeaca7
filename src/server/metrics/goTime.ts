/**
 * Go time formatting that leaks into Jaeger's metrics API: the PromQL range of `ratePer` is
 * cut out of time.Duration.String(), and timestamps are jsonpb's google.protobuf.Timestamp.
 */

const NS_PER_S = 1_000_000_000n;

/** time.Duration.String() of a nanosecond count: "10m0s", "1.5s", "500ms", "0s", "-1h0m0s". */
export function goDurationString(ns: bigint): string {
  const neg = ns < 0n;
  let u = neg ? -ns : ns;
  let out: string;
  if (u < NS_PER_S) {
    if (u === 0n) return '0s';
    if (u < 1_000n) out = `${u}ns`;
    else if (u < 1_000_000n) out = `${fraction(u, 3)}µs`;
    else out = `${fraction(u, 6)}ms`;
  } else {
    out = `${fraction(u % (60n * NS_PER_S), 9)}s`;
    u /= 60n * NS_PER_S;
    if (u > 0n) {
      out = `${u % 60n}m${out}`;
      u /= 60n;
      if (u > 0n) out = `${u}h${out}`;
    }
  }
  return neg ? `-${out}` : out;
}

/** `v` with its last `digits` digits as a fraction, trailing zeros (and a bare point) dropped. */
function fraction(v: bigint, digits: number): string {
  const scale = 10n ** BigInt(digits);
  const frac = (v % scale).toString().padStart(digits, '0').replace(/0+$/, '');
  return frac ? `${v / scale}.${frac}` : `${v / scale}`;
}

/**
 * Jaeger's promqlDurationString: the Go duration string cut after its first letter, because
 * PromQL only takes single-unit durations. 600000 ms → "10m", 3600000 → "1h"; it also turns
 * 90000 ms into "1m" and 500 ms into "500m" — Jaeger's behaviour, kept on purpose.
 */
export function promqlDuration(ms: number): string {
  const s = goDurationString(BigInt(Math.trunc(ms)) * 1_000_000n);
  const letter = /\p{L}/u.exec(s);
  return letter ? s.slice(0, letter.index + 1) : s;
}

/** jsonpb's Timestamp: RFC 3339 in UTC with 0, 3, 6 or 9 fraction digits; here milliseconds. */
export function formatProtoTimestamp(ms: number): string {
  const iso = new Date(ms).toISOString();
  const millis = iso.slice(20, 23);
  return `${iso.slice(0, 19)}${millis === '000' ? '' : `.${millis}`}Z`;
}

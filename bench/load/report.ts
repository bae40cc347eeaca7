/** The load run's figures as text, and the verdict against the targets. */
import type { LoadReport } from './loadRun';

/**
 * The accepted rate must reach this share of the target; once the store is full, the resident
 * memory of the second half of that time may exceed the first half's by this factor at most.
 */
const RATE_TOLERANCE = 0.98;
const MEMORY_GROWTH_LIMIT = 1.3;

export function verdict(report: LoadReport): string[] {
  const failures: string[] = [];
  const { rate } = report.options;
  if (report.acceptedPerSecond < rate * RATE_TOLERANCE)
    failures.push(`accepted ${Math.round(report.acceptedPerSecond)} spans/s, below the target of ${rate}`);
  if (report.ingestErrors + report.queryErrors + report.rejectedSpans > 0)
    failures.push(
      `${report.ingestErrors} ingest errors, ${report.queryErrors} query errors, ${report.rejectedSpans} spans rejected`,
    );
  if (report.storedTraces > report.options.maxTraces)
    failures.push(`${report.storedTraces} traces stored, more than max_traces ${report.options.maxTraces}`);
  const [first, second] = [report.fullFirstHalfRssMb, report.fullSecondHalfRssMb];
  if (first !== null && second !== null && second > first * MEMORY_GROWTH_LIMIT)
    failures.push(
      `resident memory kept growing once the store was full: ${first.toFixed(0)} MB, then ${second.toFixed(0)} MB`,
    );
  return failures;
}

export function formatReport(report: LoadReport): string {
  const mb = (v: number | null) => (v === null ? 'n/a (the store never filled)' : `${v.toFixed(0)} MB`);
  const o = report.options;
  return [
    `Sustained OTLP/HTTP protobuf ingest at ${o.rate.toLocaleString()} spans/s for ${report.seconds.toFixed(0)} s (${o.tracesPerBatch} traces × ${o.spansPerTrace} spans per request), ${o.searchers} concurrent searchers, max_traces ${o.maxTraces.toLocaleString()}`,
    `  accepted   ${Math.round(report.acceptedPerSecond).toLocaleString()} spans/s (${report.acceptedSpans.toLocaleString()} of ${report.sentSpans.toLocaleString()} sent, ${report.rejectedSpans} rejected), ingest p99 ${report.ingestP99Ms.toFixed(1)} ms over ${report.ingestRequests} requests`,
    `  queries    ${report.queries} (search, tag search, minDuration, get-by-ID, services): p50 ${report.queryP50Ms.toFixed(1)} ms, p99 ${report.queryP99Ms.toFixed(1)} ms`,
    `  errors     ${report.ingestErrors} ingest, ${report.queryErrors} query (${report.keepAliveRetries} requests resent after a keep-alive reset)${report.errorSamples.length ? `; e.g. ${report.errorSamples.slice(0, 3).join(' | ')}` : ''}`,
    `  memory     peak RSS ${report.peakRssMb.toFixed(0)} MB; with the store full, highest RSS ${mb(report.fullFirstHalfRssMb)} in the first half of that time, ${mb(report.fullSecondHalfRssMb)} in the second`,
    `  stored     ${report.storedTraces.toLocaleString()} traces, ${report.storedSpans.toLocaleString()} spans at the end`,
  ].join('\n');
}

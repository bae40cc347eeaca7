/**
 * A short, gentle run of the load benchmark (bench/load): sustained ingest with concurrent
 * searches against a real all-in-one process whose store fills up and evicts. The full run is
 * `npm run bench:load`; this one proves the harness and the server's behaviour under it.
 */
import { describe, expect, it } from 'vitest';
import { runLoad } from '../../../bench/load/loadRun';
import { formatReport, verdict } from '../../../bench/load/report';

describe('load smoke run', () => {
  it('holds 2,000 spans/s for 8 s with searches, no errors, and evicts down to max_traces', async () => {
    const report = await runLoad({
      rate: 2_000,
      durationMs: 8_000,
      maxTraces: 300,
      spansPerTrace: 10,
      tracesPerBatch: 20,
      searchers: 1,
      searchPauseMs: 50,
      maxInFlight: 4,
    });
    expect(formatReport(report)).toContain('Sustained OTLP/HTTP protobuf ingest at 2,000 spans/s');
    expect(report.errorSamples).toEqual([]);
    expect(report.ingestErrors + report.queryErrors + report.rejectedSpans).toBe(0);
    expect(report.acceptedSpans).toBe(report.sentSpans);
    expect(report.sentSpans).toBeGreaterThanOrEqual(16_000 - 200);
    expect(report.acceptedPerSecond).toBeGreaterThan(2_000 * 0.9);
    expect(report.queries).toBeGreaterThan(5);
    expect(report.storedTraces).toBe(300);
    expect(report.storedSpans).toBe(3_000);
    expect(report.peakRssMb).toBeGreaterThan(0);
    // The rate may miss on a busy machine and 8 s are too few to judge a memory plateau (the
    // heap is still growing into its working size); errors and storage past max_traces never.
    expect(verdict({ ...report, acceptedPerSecond: 2_000, fullFirstHalfRssMb: null })).toEqual([]);
    expect(verdict({ ...report, storedTraces: 301 })).toContainEqual(
      '301 traces stored, more than max_traces 300',
    );
  }, 90_000);
});

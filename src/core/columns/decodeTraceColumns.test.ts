import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planAdjustments } from '../adjust/adjustPlan';
import { syntheticTrace } from '../testing/syntheticTrace';
import { SpanFlag, type TraceColumns } from '../tree/traceColumns';
import { columnsEdgeCases } from './columnsEdgeCases.fixture';
import { COLUMNS_VERSION, columnsLayout, HEADER_BYTES } from './columnsFormat';
import { decodeTraceColumns, TraceColumnsError } from './decodeTraceColumns';
import { encodeTraceColumns } from './encodeTraceColumns';

const valid = [
  encodeTraceColumns(planAdjustments(syntheticTrace(300, 5))),
  ...Object.values(columnsEdgeCases()).map((t) => encodeTraceColumns(planAdjustments(t))),
  encodeTraceColumns({ traceId: 'ab'.repeat(16), warnings: [], length: 0, span: () => undefined as never }),
];

/** What any consumer may rely on: every index in range, every offset within its array. */
function expectUsable(c: TraceColumns): void {
  const n = c.spanCount;
  for (const a of [c.kind, c.flags, c.linkCount, c.serviceKey, c.operationKey, c.parents.parentOf])
    expect(a.length).toBe(n);
  expect(c.times.startNs.length).toBe(n);
  expect(c.times.endNs.length).toBe(n);
  for (let i = 0; i < n; i++) {
    expect(c.parents.parentOf[i]).toBeGreaterThanOrEqual(-1);
    expect(c.parents.parentOf[i]).toBeLessThan(n);
    expect(c.serviceNames[c.serviceKey[i]]).toBeTypeOf('string');
    expect(c.operationNames[c.operationKey[i]]).toBeTypeOf('string');
    expect(Number.isFinite(c.times.startNs[i])).toBe(true);
  }
  const events = c.events;
  if (events) {
    expect(events.offsets.length).toBe(n + 1);
    expect(events.offsets[n]).toBe(events.timesUs.length);
  }
  expect(c.spanIdBytes?.length).toBe(16 * n);
}

function decodesOrRefuses(bytes: Uint8Array): void {
  let columns: TraceColumns;
  try {
    columns = decodeTraceColumns(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(TraceColumnsError);
    return;
  }
  expectUsable(columns);
}

describe('decodeTraceColumns', () => {
  it('views the sections in place, without copies', () => {
    const bytes = valid[0];
    const c = decodeTraceColumns(bytes);
    expect(c.times.startNs.buffer).toBe(bytes.buffer);
    expect(c.parents.parentOf.buffer).toBe(bytes.buffer);
    expect(c.spanIdBytes?.buffer).toBe(bytes.buffer);
    expectUsable(c);
  });

  it('reads a buffer that does not start on an 8-byte boundary (one copy)', () => {
    const shifted = new Uint8Array(valid[0].length + 3);
    shifted.set(valid[0], 3);
    const c = decodeTraceColumns(shifted.subarray(3));
    expect(c).toEqual(decodeTraceColumns(valid[0]));
  });

  it('refuses foreign, truncated, padded and future buffers with a clear message', () => {
    const bytes = valid[0];
    expect(() => decodeTraceColumns(new Uint8Array(0))).toThrow(/shorter than the header/);
    expect(() => decodeTraceColumns(new TextEncoder().encode('{"data":[]}'))).toThrow(
      /does not start with "TLCO"/,
    );
    expect(() => decodeTraceColumns(bytes.subarray(0, bytes.length - 1))).toThrow(TraceColumnsError);
    const padded = new Uint8Array(bytes.length + 8);
    padded.set(bytes);
    expect(() => decodeTraceColumns(padded)).toThrow(/bytes where/);
    const future = bytes.slice();
    new DataView(future.buffer).setUint32(4, COLUMNS_VERSION + 1, true);
    expect(() => decodeTraceColumns(future)).toThrow(/version 2/);
  });

  it('refuses a parent or a name index out of range, and unknown flags', () => {
    const bytes = valid[0].slice();
    const view = new DataView(bytes.buffer);
    const preludeBytes = view.getUint32(8, true);
    const c = decodeTraceColumns(valid[0]);
    const layout = columnsLayout(preludeBytes, c.spanCount, c.events?.timesUs.length ?? 0);
    view.setInt32(layout.parentOf, c.spanCount, true);
    expect(() => decodeTraceColumns(bytes)).toThrow(/parentOf\[0\]/);
    const names = valid[0].slice();
    new DataView(names.buffer).setInt32(layout.operationKey + 4, c.operationNames.length, true);
    expect(() => decodeTraceColumns(names)).toThrow(/operation\[1\]/);
    const flags = valid[0].slice();
    flags[layout.flags] = SpanFlag.Error | 64;
    expect(() => decodeTraceColumns(flags)).toThrow(/flags/);
    expect(HEADER_BYTES).toBe(12);
  });

  it('decodes or refuses every truncation and byte flip, never failing from deep inside', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: valid.length - 1 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { maxLength: 4 }),
        fc.option(fc.nat(), { nil: undefined }),
        (which, flips, cut) => {
          const bytes = valid[which].slice();
          // Flips land anywhere, the header and prelude included (ends weighted in by modulo).
          for (const [at, mask] of flips) bytes[at % bytes.length] ^= mask;
          decodesOrRefuses(cut === undefined ? bytes : bytes.subarray(0, cut % (bytes.length + 1)));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('decodes or refuses flips in the header and prelude, where a change moves every section', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: valid.length - 1 }),
        fc.nat({ max: 400 }),
        fc.integer({ min: 1, max: 255 }),
        (which, at, mask) => {
          const bytes = valid[which].slice();
          bytes[at % Math.min(bytes.length, 400)] ^= mask;
          decodesOrRefuses(bytes);
        },
      ),
      { numRuns: 400 },
    );
  });
});

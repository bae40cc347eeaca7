/**
 * Timing and reporting shared by the core benchmarks (run them with --expose-gc): medians of
 * wall and CPU time over several runs, and a table of operations by trace size.
 */
import { performance } from 'node:perf_hooks';

export interface Timing {
  /** Median wall time, ms. */
  median: number;
  /** Median CPU time of this process, ms: steadier than wall time on a shared, busy machine. */
  cpu: number;
}

export const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) console.warn('Run with --expose-gc (npx tsx --expose-gc …) for steadier numbers.');

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];

/** Blocks the thread, so that the GC's background sweeping finishes outside the timings. */
export const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

export const ms = (t: number) => t.toFixed(t < 10 ? 2 : t < 100 ? 1 : 0);

/** CPU milliseconds this process used since `since`. */
export const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

/** "wall / CPU" in ms, as the tables print it. */
export const wallCpu = (t: Timing) => `${ms(t.median)} / ${ms(t.cpu)}`;

/**
 * `fn` over several runs, `setup` (untimed) before each. One full GC and a pause come first, plus
 * a warm-up run; a GC before every run would leave sweeping work to the runs.
 */
export function measureWithSetup(runs: number, setup: () => void, fn: () => void): Timing {
  gc?.();
  pause(50);
  setup();
  fn();
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    setup();
    const started = performance.now();
    const startedCpu = process.cpuUsage();
    fn();
    cpu.push(cpuMs(startedCpu));
    times.push(performance.now() - started);
  }
  return { median: median(times), cpu: median(cpu) };
}

export const measure = (runs: number, fn: () => void): Timing => measureWithSetup(runs, () => {}, fn);

interface Row {
  label: string;
  target?: string;
  values: Map<number, string>;
}

/** One row per operation, one column per trace size, and the target at 100k spans. */
export class SizeTable {
  private readonly rows: Row[] = [];

  record(label: string, spans: number, value: Timing | string, target?: string): void {
    let row = this.rows.find((r) => r.label === label);
    if (!row) this.rows.push((row = { label, target, values: new Map() }));
    row.values.set(spans, typeof value === 'string' ? value : wallCpu(value));
  }

  print(sizes: readonly number[]): void {
    const header = [
      'operation: wall / CPU ms (medians)',
      ...sizes.map((s) => s.toLocaleString('en-US')),
      'target @100k',
    ];
    const table = this.rows.map((r) => [r.label, ...sizes.map((s) => r.values.get(s) ?? ''), r.target ?? '']);
    const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i].length)));
    const line = (cells: string[]) =>
      cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
    console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
    for (const t of table) console.log(line(t));
  }
}

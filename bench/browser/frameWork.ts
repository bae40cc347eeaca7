/**
 * Main-thread work per step of an interaction, from a Chromium performance trace: the time to
 * paint a step (pageProbes.ts) includes waiting for the next frame (up to 16.7 ms at 60 Hz), so
 * "a frame within 16 ms" is told by the work each step causes, summed from the renderer main
 * thread's tasks between the step's performance marks.
 */
import type { Browser, Page } from 'playwright';

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of the event, where the platform reports it. */
  tdur?: number;
  pid: number;
  tid: number;
}

export const TRACE_CATEGORIES = ['toplevel', 'blink.user_timing', 'devtools.timeline'];
/** The top-level task event, by the names Chromium versions give it. */
const TASK_EVENTS = new Set(['ThreadControllerImpl::RunTask', 'RunTask']);

export interface StepWork {
  /** Milliseconds of main-thread tasks per step, sorted. */
  wallMs: number[];
  /** The same tasks' CPU time (less sensitive to other processes on a busy machine), sorted. */
  cpuMs: number[];
}

/** Runs `interaction` under a trace and returns each marked step's main-thread work. */
export async function stepWork(
  browser: Browser,
  page: Page,
  interaction: () => Promise<unknown>,
  stepMark: string,
  endMark: string,
): Promise<StepWork> {
  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  await interaction();
  const buffer = await browser.stopTracing();
  const { traceEvents } = JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] };
  const marks = traceEvents
    .filter((e) => e.cat.includes('blink.user_timing') && (e.name === stepMark || e.name === endMark))
    .sort((a, b) => a.ts - b.ts);
  if (marks.length < 2) return { wallMs: [], cpuMs: [] };
  const { pid, tid } = marks[0];
  const tasks = traceEvents.filter(
    (e) => e.pid === pid && e.tid === tid && e.ph === 'X' && TASK_EVENTS.has(e.name) && e.dur !== undefined,
  );
  const wallMs: number[] = [];
  const cpuMs: number[] = [];
  for (let m = 0; m + 1 < marks.length; m++) {
    const from = marks[m].ts;
    const to = marks[m + 1].ts;
    let wall = 0;
    let cpu = 0;
    for (const task of tasks) {
      const dur = task.dur ?? 0;
      const overlap = Math.min(task.ts + dur, to) - Math.max(task.ts, from);
      if (overlap <= 0) continue;
      wall += overlap;
      cpu += (task.tdur ?? dur) * (overlap / Math.max(dur, 1));
    }
    wallMs.push(wall / 1000);
    cpuMs.push(cpu / 1000);
  }
  const ascending = (a: number, b: number) => a - b;
  return { wallMs: wallMs.sort(ascending), cpuMs: cpuMs.sort(ascending) };
}

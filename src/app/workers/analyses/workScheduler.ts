/**
 * The trace worker's order of work. A request someone is waiting for (a view's analysis, a
 * span's details, a search) goes first; then find's preparation (its tables, or at a million
 * spans what its byte search needs), which nobody asked for yet but the next search waits on,
 * and which is cut into short slices; then work the page asked for without anyone waiting on it
 * (insights), whose steps may each hold the worker for seconds on a huge trace. Jobs run one per
 * macrotask, so a message that arrives while the worker is busy is queued before the next slice
 * starts and then goes first.
 */

/** Lower runs first. */
export const PRIORITY = { user: 0, preparation: 1, background: 2 } as const;
export type Priority = (typeof PRIORITY)[keyof typeof PRIORITY];

/** One step of work; a sliced job returns true while it has more to do (it is then run again). */
export type Job = () => boolean | void;

type Schedule = (run: () => void) => void;

/**
 * A macrotask through a message channel: unlike setTimeout it is not clamped to 4 ms when chained,
 * and it queues behind messages that already arrived, so a request is never starved by slices.
 */
function messageChannelTask(): Schedule | null {
  if (typeof MessageChannel === 'undefined') return null;
  const channel = new MessageChannel();
  const waiting: (() => void)[] = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  // Node (tests) keeps a process alive while a port listens; the worker's own messages do that.
  (channel.port1 as { unref?: () => void }).unref?.();
  return (run) => {
    waiting.push(run);
    channel.port2.postMessage(null);
  };
}

const timeoutTask: Schedule = (run) => setTimeout(run, 0);

export class WorkScheduler {
  private readonly queues: Job[][] = [[], [], []];
  private scheduled = false;
  private readonly schedule: Schedule;

  constructor(schedule?: Schedule) {
    this.schedule = schedule ?? messageChannelTask() ?? timeoutTask;
  }

  /** Queues a job; a sliced job keeps its place at the head of its queue until it is done. */
  add(priority: Priority, job: Job): void {
    this.queues[priority].push(job);
    this.wake();
  }

  /** Drops work not yet started at this priority (say, preparation for a trace now replaced). */
  clear(priority: Priority): void {
    this.queues[priority].length = 0;
  }

  /** Jobs waiting, by priority: for tests and diagnostics. */
  pending(): number[] {
    return this.queues.map((q) => q.length);
  }

  private wake(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(this.runNext);
  }

  private readonly runNext = (): void => {
    this.scheduled = false;
    const queue = this.queues.find((q) => q.length > 0);
    if (!queue) return;
    const job = queue[0];
    let more = false;
    try {
      more = job() === true;
    } finally {
      // The job may have been cleared (or its queue changed) while it ran.
      if (!more && queue[0] === job) queue.shift();
      if (this.queues.some((q) => q.length > 0)) this.wake();
    }
  };
}

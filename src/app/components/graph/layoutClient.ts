/**
 * One ELK worker per graph on screen. The latest request wins: a newer request rejects the older one at
 * once (LayoutCancelled) and runs as soon as the worker is free. A busy worker is not killed for a
 * newer request, because a fresh worker must parse ~1.5 MB of ELK again (seconds on a slow
 * machine); it is killed only when a request misses its deadline, since ELK cannot be interrupted.
 */
import type { LayoutInput, LayoutRequest, LayoutResponse, LayoutResult } from './layoutProtocol';

export class LayoutCancelled extends Error {
  override name = 'LayoutCancelled';
}

export class LayoutTimeout extends Error {
  override name = 'LayoutTimeout';
}

interface Job {
  id: number;
  input: LayoutInput;
  resolve: (r: LayoutResult) => void;
  reject: (e: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

export type WorkerFactory = () => Worker;

/**
 * An idle ELK worker kept from a disposed client for the next one: a graph view that is closed and
 * opened again (the trace page's tabs) would otherwise pay for ELK's parse every time.
 */
let spareWorker: Worker | null = null;

const newLayoutWorker = () =>
  new Worker(new URL('./elkLayout.worker.ts', import.meta.url), { type: 'module', name: 'elk-layout' });

const defaultFactory: WorkerFactory = () => {
  const spare = spareWorker;
  spareWorker = null;
  return spare ?? newLayoutWorker();
};

/** The id of the warm-up layout, whose answer no client waits for. */
const WARM_UP_ID = 0;

/**
 * A small layered graph (a chain with a fan-out and labels): enough for the JavaScript engine to
 * compile ELK's layered pipeline, small enough to take a fraction of the first real layout.
 */
function warmUpInput(): LayoutInput {
  const size = { width: 120, height: 40 };
  const nodes = Array.from({ length: 12 }, (_, i) => ({ id: `n${i}`, ...size }));
  const edges = nodes.slice(1).map((node, i) => ({
    id: `e${i}`,
    source: `n${Math.floor(i / 3)}`,
    target: node.id,
    label: { width: 60, height: 14 },
  }));
  return { direction: 'RIGHT', nodes, edges };
}

/**
 * Starts a spare ELK worker and lays out a small graph in it, for a page that may draw a graph a
 * little later (the trace page's trace graph tab): the first real layout then finds ELK loaded
 * and compiled instead of paying for both. Call it when the page is idle; it does nothing when a
 * spare worker is already there or workers are unavailable.
 */
export function prewarmLayoutWorker(): void {
  if (spareWorker) return;
  try {
    const worker = newLayoutWorker();
    worker.postMessage({ id: WARM_UP_ID, input: warmUpInput() } satisfies LayoutRequest);
    spareWorker = worker;
  } catch {
    // No Worker support (or a CSP refusing it): the first layout() says so.
  }
}

export class LayoutClient {
  private worker: Worker | null = null;
  /** The id the worker is computing, or null when idle. Its job may already be cancelled. */
  private running: number | null = null;
  /** The latest request: running, or waiting for the worker. */
  private job: Job | null = null;
  private nextId = 1;

  constructor(private readonly factory: WorkerFactory = defaultFactory) {}

  /** Starts the worker ahead of the first layout, so ELK loads while the data is fetched. */
  warmUp(): void {
    try {
      this.ensureWorker();
    } catch {
      // Reported by the first layout() instead.
    }
  }

  layout(input: LayoutInput, deadlineMs = 20_000): Promise<LayoutResult> {
    this.drop(new LayoutCancelled('superseded by a newer layout'));
    const id = this.nextId++;
    return new Promise<LayoutResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (this.job?.id !== id) return;
        this.drop(new LayoutTimeout(`the layout took longer than ${Math.round(deadlineMs / 1000)} s`));
        this.kill();
      }, deadlineMs);
      this.job = { id, input, resolve, reject, timer };
      try {
        if (this.running === null) this.post(this.job);
      } catch (err) {
        // No Worker support (or a CSP refusing it): a layout failure, not a crash.
        this.drop(err instanceof Error ? err : new Error(String(err)));
      }
    });
  }

  /** Rejects the latest request, if any, and kills a busy worker. */
  cancel(reason: Error = new LayoutCancelled('cancelled')): void {
    this.drop(reason);
    if (this.running !== null) this.kill();
  }

  dispose(): void {
    this.drop(new LayoutCancelled('disposed'));
    // An idle worker of the default kind is kept for the next client; a busy one cannot be reused.
    if (this.worker && this.running === null && this.factory === defaultFactory && spareWorker === null) {
      this.worker.onmessage = null;
      this.worker.onerror = null;
      spareWorker = this.worker;
      this.worker = null;
      return;
    }
    this.kill();
  }

  private drop(reason: Error): void {
    const job = this.job;
    if (job === null) return;
    this.job = null;
    clearTimeout(job.timer);
    job.reject(reason);
  }

  private kill(): void {
    this.worker?.terminate();
    this.worker = null;
    this.running = null;
  }

  private post(job: Job): void {
    const worker = this.ensureWorker();
    this.running = job.id;
    worker.postMessage({ id: job.id, input: job.input } satisfies LayoutRequest);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = this.factory();
    worker.onmessage = (event: MessageEvent<LayoutResponse>) => this.settle(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      this.drop(new Error(event.message || 'the layout worker failed'));
      this.kill();
    };
    this.worker = worker;
    return worker;
  }

  private settle(response: LayoutResponse): void {
    // A spare worker's warm-up finishing: the request posted behind it is still running.
    if (response.id === WARM_UP_ID) return;
    this.running = null;
    const job = this.job;
    if (job === null) return;
    // A superseded answer: the worker is free now for the latest request.
    if (job.id !== response.id) {
      this.post(job);
      return;
    }
    this.job = null;
    clearTimeout(job.timer);
    if (!response.ok) {
      job.reject(new Error(response.message));
      return;
    }
    job.resolve({
      width: response.width,
      height: response.height,
      nodes: new Map(response.nodes),
      edges: new Map(response.edges),
      labels: new Map(response.labels),
    });
  }
}

/**
 * The plan of one simulated request: every span it will produce, with times in nanoseconds
 * relative to the request's start. Plain data with no SDK types, so tests can assert on the
 * stories (staircase, lock, retries) before anything is emitted.
 */

/** The processes of the ride-sharing system; mysql and redis appear only as their CLIENT spans. */
export type DemoService = 'frontend' | 'customer' | 'driver' | 'route';
export const demoServices: readonly DemoService[] = ['frontend', 'customer', 'driver', 'route'];

/** Which instrumentation library produced a span: becomes the span's instrumentation scope. */
export type Instrumentation = 'http' | 'grpc' | 'mysql' | 'redis';

export type PlannedKind = 'server' | 'client' | 'internal';

export type PlannedAttributes = Readonly<Record<string, string | number | boolean>>;

export interface PlannedEvent {
  readonly name: string;
  /** Relative to the request's start, like the span times. */
  readonly atNs: number;
  readonly attributes: PlannedAttributes;
}

export interface PlannedStatus {
  /** HTTP and RPC instrumentations leave successful spans unset, so the demo does too. */
  readonly code: 'unset' | 'error';
  readonly message: string;
}

/** A link to the root span of an earlier request, resolved by the emitter once it has its ids. */
export interface PlannedLink {
  readonly toRequest: number;
  readonly attributes: PlannedAttributes;
}

export interface PlannedSpan {
  /** Index in DispatchPlan.spans. */
  readonly id: number;
  /** Index of the parent in DispatchPlan.spans, always smaller than `id`; undefined for the root. */
  readonly parentId: number | undefined;
  readonly service: DemoService;
  readonly instrumentation: Instrumentation;
  readonly name: string;
  readonly kind: PlannedKind;
  readonly startNs: number;
  readonly endNs: number;
  readonly attributes: PlannedAttributes;
  readonly events: readonly PlannedEvent[];
  readonly status: PlannedStatus;
  readonly links: readonly PlannedLink[];
}

export interface Customer {
  readonly id: string;
  readonly name: string;
  /** "x,y" on HotROD's toy map. */
  readonly location: string;
}

export interface DispatchPlan {
  /** 0 for the first request of a simulation, then 1, 2, ... */
  readonly requestIndex: number;
  /** When the request starts, in nanoseconds since the simulation's epoch. */
  readonly startNs: number;
  /** From the request's start to the end of its root span. */
  readonly durationNs: number;
  readonly customer: Customer;
  readonly sessionId: string;
  /** Parents come before their children. */
  readonly spans: readonly PlannedSpan[];
}

/**
 * Collects the spans of one request while the scenario walks through it. A span is opened when
 * its start is known and closed once its children have decided when it ends.
 */
import type {
  DemoService,
  Instrumentation,
  PlannedAttributes,
  PlannedEvent,
  PlannedKind,
  PlannedLink,
  PlannedSpan,
  PlannedStatus,
} from './model';

export interface SpanStart {
  parentId: number | undefined;
  service: DemoService;
  instrumentation: Instrumentation;
  name: string;
  kind: PlannedKind;
  startNs: number;
  attributes: PlannedAttributes;
  links?: readonly PlannedLink[];
}

export interface PlannedError {
  type: string;
  message: string;
}

interface OpenSpan extends Omit<SpanStart, 'attributes' | 'links'> {
  id: number;
  endNs: number;
  attributes: Record<string, string | number | boolean>;
  events: PlannedEvent[];
  status: PlannedStatus;
  links: readonly PlannedLink[];
}

const OK: PlannedStatus = { code: 'unset', message: '' };

export class PlanBuilder {
  private readonly spans: OpenSpan[] = [];

  open(start: SpanStart): number {
    if (start.parentId !== undefined && !this.spans[start.parentId]) {
      throw new RangeError(`parent span ${start.parentId} does not exist`);
    }
    const id = this.spans.length;
    this.spans.push({
      ...start,
      id,
      attributes: { ...start.attributes },
      endNs: Number.NaN,
      events: [],
      status: OK,
      links: start.links ?? [],
    });
    return id;
  }

  close(id: number, endNs: number, attributes: PlannedAttributes = {}): void {
    const span = this.get(id);
    Object.assign(span.attributes, attributes);
    span.endNs = endNs;
  }

  startOf(id: number): number {
    return this.get(id).startNs;
  }

  event(id: number, name: string, atNs: number, attributes: PlannedAttributes = {}): void {
    this.get(id).events.push({ name, atNs, attributes });
  }

  /** An error status with error.type, as instrumentations report failed responses. */
  markError(id: number, error: PlannedError): void {
    const span = this.get(id);
    span.status = { code: 'error', message: error.message };
    span.attributes['error.type'] = error.type;
  }

  /** An error status plus the `exception` event the SDK's recordException adds. */
  fail(id: number, atNs: number, error: PlannedError): void {
    this.markError(id, error);
    this.event(id, 'exception', atNs, { 'exception.type': error.type, 'exception.message': error.message });
  }

  /** The finished spans; throws if the scenario forgot to close one (a bug, not bad luck). */
  build(): PlannedSpan[] {
    for (const span of this.spans) {
      if (!(span.endNs >= span.startNs)) {
        throw new Error(`span ${span.id} (${span.name}) was not closed after its start`);
      }
    }
    return this.spans.map((span) => ({ ...span }));
  }

  private get(id: number): OpenSpan {
    const span = this.spans[id];
    if (!span) throw new RangeError(`span ${id} does not exist`);
    return span;
  }
}

/**
 * Services and their operations as Jaeger's memory store records them on write: never evicted,
 * even when their last trace leaves the ring, and only for a non-empty service name.
 */
import { spanKindNames, type Resource, type Span } from '../../../core/model/trace';
import type { Operation } from '../traceStore';

export class ServiceCatalog {
  /** service → operation name → the span kinds seen with it, one bit per SpanKind. */
  private readonly operations = new Map<string, Map<string, number>>();

  record(span: Span): void {
    this.recordOperation(span.resource.serviceName, span.name, span.kind);
  }

  /** `record` for each span; the service is looked up once per run of spans sharing a Resource. */
  recordAll(spans: readonly Span[]): void {
    let resource: Resource | undefined;
    let kindsByName: Map<string, number> | undefined;
    for (const span of spans) {
      if (span.resource !== resource) {
        resource = span.resource;
        kindsByName = resource.serviceName === '' ? undefined : this.kindsByNameOf(resource.serviceName);
      }
      if (kindsByName === undefined) continue;
      const kinds = kindsByName.get(span.name) ?? 0;
      const bit = 1 << span.kind;
      if ((kinds & bit) === 0) kindsByName.set(span.name, kinds | bit);
    }
  }

  recordOperation(service: string, name: string, kind: number): void {
    if (service === '') return;
    const kindsByName = this.kindsByNameOf(service);
    const kinds = kindsByName.get(name) ?? 0;
    const bit = 1 << kind;
    if ((kinds & bit) === 0) kindsByName.set(name, kinds | bit);
  }

  /** Whether recordOperation would add nothing (an empty service is never recorded). */
  knows(service: string, name: string, kind: number): boolean {
    if (service === '') return true;
    return ((this.operations.get(service)?.get(name) ?? 0) & (1 << kind)) !== 0;
  }

  private kindsByNameOf(service: string): Map<string, number> {
    let kindsByName = this.operations.get(service);
    if (kindsByName === undefined) {
      kindsByName = new Map();
      this.operations.set(service, kindsByName);
    }
    return kindsByName;
  }

  services(): string[] {
    return [...this.operations.keys()];
  }

  /** One entry per distinct (name, kind); spanKind '' = every kind, otherwise that exact kind. */
  operationsOf(service: string, spanKind: string): Operation[] {
    const out: Operation[] = [];
    const kindsByName = this.operations.get(service);
    if (kindsByName === undefined) return out;
    for (const [name, kinds] of kindsByName) {
      for (const [kind, kindName] of Object.entries(spanKindNames)) {
        if ((kinds & (1 << Number(kind))) === 0) continue;
        if (spanKind === '' || spanKind === kindName) out.push({ name, spanKind: kindName });
      }
    }
    return out;
  }

  clear(): void {
    this.operations.clear();
  }
}

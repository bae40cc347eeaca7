/**
 * Services and their operations as Jaeger's memory store records them on write: never evicted,
 * even when their last trace leaves the ring, and only for a non-empty service name.
 */
import { spanKindNames, type Span } from '../../../core/model/trace';
import type { Operation } from '../traceStore';

export class ServiceCatalog {
  /** service → operation name → the span kinds seen with it, one bit per SpanKind. */
  private readonly operations = new Map<string, Map<string, number>>();

  record(span: Span): void {
    this.recordOperation(span.resource.serviceName, span.name, span.kind);
  }

  recordOperation(service: string, name: string, kind: number): void {
    if (service === '') return;
    let kindsByName = this.operations.get(service);
    if (kindsByName === undefined) {
      kindsByName = new Map();
      this.operations.set(service, kindsByName);
    }
    const kinds = kindsByName.get(name) ?? 0;
    const bit = 1 << kind;
    if ((kinds & bit) === 0) kindsByName.set(name, kinds | bit);
  }

  /** Whether recordOperation would add nothing (an empty service is never recorded). */
  knows(service: string, name: string, kind: number): boolean {
    if (service === '') return true;
    return ((this.operations.get(service)?.get(name) ?? 0) & (1 << kind)) !== 0;
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

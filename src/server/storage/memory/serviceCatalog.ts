/**
 * Services and their operations as Jaeger's memory store records them on write: never evicted,
 * even when their last trace leaves the ring, and only for a non-empty service name.
 */
import { spanKindNames, type Span } from '../../../core/model/trace';
import type { Operation } from '../traceStore';

export class ServiceCatalog {
  /** service → `${kind}\0${name}` → operation. */
  private readonly operations = new Map<string, Map<string, Operation>>();

  record(span: Span): void {
    const service = span.resource.serviceName;
    if (service === '') return;
    let byKey = this.operations.get(service);
    if (byKey === undefined) {
      byKey = new Map();
      this.operations.set(service, byKey);
    }
    const spanKind = spanKindNames[span.kind] ?? '';
    const key = `${spanKind}\u0000${span.name}`;
    if (!byKey.has(key)) byKey.set(key, { name: span.name, spanKind });
  }

  services(): string[] {
    return [...this.operations.keys()];
  }

  /** spanKind '' = every kind; otherwise that exact kind string. */
  operationsOf(service: string, spanKind: string): Operation[] {
    const byKey = this.operations.get(service);
    if (byKey === undefined) return [];
    const out: Operation[] = [];
    for (const op of byKey.values()) {
      if (spanKind === '' || op.spanKind === spanKind) out.push({ name: op.name, spanKind: op.spanKind });
    }
    return out;
  }

  clear(): void {
    this.operations.clear();
  }
}

/**
 * Turns plans into real OpenTelemetry SDK spans: one BasicTracerProvider per service, as four
 * separate processes would have, each with its own resource, batch processor, exporter and
 * sampler. Times are explicit, so a plan covering a second is emitted in microseconds.
 */
import { randomUUID } from 'node:crypto';
import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
  type HrTime,
  type Link,
  type Span,
  type SpanContext,
  type Tracer,
} from '@opentelemetry/api';
import { defaultResource, resourceFromAttributes, type Resource } from '@opentelemetry/resources';
import {
  AlwaysOnSampler,
  BasicTracerProvider,
  BatchSpanProcessor,
  ParentBasedSampler,
  type Sampler,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import { serviceInfo } from './scenario/catalog';
import type { DemoService, DispatchPlan, Instrumentation, PlannedKind, PlannedSpan } from './scenario/model';

export interface DemoEmitterOptions {
  /** Called once per service: each service exports on its own, like a separate process. */
  exporterFor: (service: DemoService) => SpanExporter;
  /**
   * Called once per service. The default samples everything, explicitly, so an OTEL_TRACES_SAMPLER
   * meant for the host process does not thin the demo; remote sampling plugs in here.
   */
  samplerFor?: (service: DemoService) => Sampler;
  /** How long spans wait in the batch processor: short, so new traces show up promptly. */
  scheduledDelayMillis?: number;
}

export interface DemoEmitter {
  /**
   * Emits every span of a plan. `epochNs` is the wall-clock time (Unix nanoseconds) of the
   * simulation's epoch. Returns how many spans the samplers kept.
   */
  emit(plan: DispatchPlan, epochNs: bigint): number;
  /** Rejects, once every service is done, with the first failure (usually a failed export). */
  forceFlush(): Promise<void>;
  /** Flushes, then shuts every provider and exporter down; rejects like forceFlush. */
  shutdown(): Promise<void>;
}

/** The demo's instrumentation libraries report this version in their scope. */
export const DEMO_VERSION = '1.0.0';
/** Root span contexts kept for links; sessions only link to recent requests. */
const REMEMBERED_ROOTS = 1024;

const kinds: Record<PlannedKind, SpanKind> = {
  server: SpanKind.SERVER,
  client: SpanKind.CLIENT,
  internal: SpanKind.INTERNAL,
};

export function createDemoEmitter(options: DemoEmitterOptions): DemoEmitter {
  const instanceId = randomUUID();
  const providerFor = (service: DemoService) =>
    new BasicTracerProvider({
      resource: serviceResource(service, instanceId),
      sampler: options.samplerFor?.(service) ?? new ParentBasedSampler({ root: new AlwaysOnSampler() }),
      spanProcessors: [
        new BatchSpanProcessor(options.exporterFor(service), {
          scheduledDelayMillis: options.scheduledDelayMillis ?? 1000,
          maxQueueSize: 8192,
          maxExportBatchSize: 1024,
        }),
      ],
    });
  const providers: Record<DemoService, BasicTracerProvider> = {
    frontend: providerFor('frontend'),
    customer: providerFor('customer'),
    driver: providerFor('driver'),
    route: providerFor('route'),
  };
  const tracers = new Map<string, Tracer>();
  const tracerFor = (service: DemoService, instrumentation: Instrumentation): Tracer => {
    const key = `${service}/${instrumentation}`;
    let tracer = tracers.get(key);
    if (!tracer) {
      tracer = providers[service].getTracer(`tracelens-demo/${instrumentation}`, DEMO_VERSION);
      tracers.set(key, tracer);
    }
    return tracer;
  };
  const rootsByRequest = new Map<number, SpanContext>();

  const linksOf = (planned: PlannedSpan): Link[] =>
    planned.links.flatMap((link) => {
      const context = rootsByRequest.get(link.toRequest);
      return context ? [{ context, attributes: link.attributes }] : [];
    });

  return {
    emit(plan, epochNs) {
      const requestStart = epochNs + BigInt(Math.round(plan.startNs));
      const at = (relativeNs: number) => hrTime(requestStart + BigInt(Math.round(relativeNs)));
      const emitted: Span[] = [];
      let recorded = 0;
      for (const planned of plan.spans) {
        const parent = planned.parentId === undefined ? undefined : plan.spans[planned.parentId];
        const span = tracerFor(planned.service, planned.instrumentation).startSpan(
          planned.name,
          {
            kind: kinds[planned.kind],
            startTime: at(planned.startNs),
            attributes: planned.attributes,
            links: linksOf(planned),
          },
          parent ? parentContext(emitted[parent.id], parent.service !== planned.service) : ROOT_CONTEXT,
        );
        for (const event of planned.events) span.addEvent(event.name, event.attributes, at(event.atNs));
        if (planned.status.code === 'error') {
          span.setStatus({ code: SpanStatusCode.ERROR, message: planned.status.message });
        }
        if (span.isRecording()) recorded++;
        span.end(at(planned.endNs));
        emitted.push(span);
      }
      if (emitted.length > 0) remember(rootsByRequest, plan.requestIndex, emitted[0].spanContext());
      return recorded;
    },
    forceFlush: () => settleAll(Object.values(providers).map((p) => p.forceFlush())),
    shutdown: () => settleAll(Object.values(providers).map((p) => p.shutdown())),
  };
}

/** Waits for every service, not just until the first failure, so nothing is cut short. */
async function settleAll(work: Promise<void>[]): Promise<void> {
  const failure = (await Promise.allSettled(work)).find((r) => r.status === 'rejected');
  if (failure) throw failure.reason;
}

/** A parent in another service reached us over the wire: samplers treat remote parents apart. */
function parentContext(parent: Span, remote: boolean): Context {
  const context = parent.spanContext();
  return trace.setSpanContext(ROOT_CONTEXT, remote ? { ...context, isRemote: true } : context);
}

function remember(roots: Map<number, SpanContext>, requestIndex: number, context: SpanContext): void {
  roots.set(requestIndex, context);
  // Maps iterate in insertion order: the first key is the oldest request.
  const oldest = roots.keys().next();
  if (roots.size > REMEMBERED_ROOTS && !oldest.done) roots.delete(oldest.value);
}

function serviceResource(service: DemoService, instanceId: string): Resource {
  const info = serviceInfo[service];
  // defaultResource() contributes telemetry.sdk.*, as a real SDK setup reports.
  return defaultResource().merge(
    resourceFromAttributes({
      'service.name': service,
      'service.version': info.version,
      'service.namespace': 'hotrod',
      'service.instance.id': `${service}-${instanceId}`,
      'host.name': info.pod,
      'deployment.environment.name': 'demo',
      'process.runtime.name': 'nodejs',
    }),
  );
}

function hrTime(unixNs: bigint): HrTime {
  return [Number(unixNs / 1_000_000_000n), Number(unixNs % 1_000_000_000n)];
}

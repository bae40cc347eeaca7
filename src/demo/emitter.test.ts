import { SpanKind, SpanStatusCode, type HrTime } from '@opentelemetry/api';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  InMemorySpanExporter,
  ParentBasedSampler,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it } from 'vitest';
import { createDemoEmitter, type DemoEmitter, type DemoEmitterOptions } from './emitter';
import { demoServices, type DemoService } from './scenario/model';
import { createDispatchSimulation } from './scenario/simulation';

const EPOCH_NS = 1_700_000_000_123_456_789n;
const ns = ([s, n]: HrTime) => BigInt(s) * 1_000_000_000n + BigInt(n);

let emitter: DemoEmitter | undefined;
afterEach(async () => {
  await emitter?.shutdown();
  emitter = undefined;
});

function setUp(overrides: Partial<DemoEmitterOptions> = {}) {
  const exporters = new Map(demoServices.map((s) => [s, new InMemorySpanExporter()]));
  emitter = createDemoEmitter({ exporterFor: (s) => exporters.get(s)!, ...overrides });
  const finished = async (): Promise<ReadableSpan[]> => {
    await emitter!.forceFlush();
    return [...exporters.values()].flatMap((e) => e.getFinishedSpans());
  };
  return { emitter, finished };
}

describe('demo emitter', () => {
  it('emits every planned span through the SDK with its service, kind, times, parent and status', async () => {
    const { emitter, finished } = setUp();
    const plan = createDispatchSimulation(21).planNext(250_000_000);
    expect(emitter.emit(plan, EPOCH_NS)).toBe(plan.spans.length);
    const spans = await finished();
    expect(spans).toHaveLength(plan.spans.length);

    // Nothing ties an exported span to its planned one but what they share: find it by
    // service, name and exact start and end, which proves the times arrived unchanged.
    const at = (relativeNs: number) => EPOCH_NS + BigInt(plan.startNs) + BigInt(relativeNs);
    const byPlan = plan.spans.map((p) => {
      const matches = spans.filter(
        (s) =>
          s.resource.attributes['service.name'] === p.service &&
          s.name === p.name &&
          ns(s.startTime) === at(p.startNs) &&
          ns(s.endTime) === at(p.endNs),
      );
      expect(matches).toHaveLength(1);
      return matches[0];
    });
    expect(new Set(spans.map((s) => s.spanContext().traceId)).size).toBe(1);
    for (const [i, planned] of plan.spans.entries()) {
      const span = byPlan[i];
      expect(span.kind).toBe(
        { server: SpanKind.SERVER, client: SpanKind.CLIENT, internal: SpanKind.INTERNAL }[planned.kind],
      );
      expect(span.attributes).toEqual(planned.attributes);
      expect(span.events.map((e) => [e.name, ns(e.time), e.attributes])).toEqual(
        planned.events.map((e) => [e.name, at(e.atNs), e.attributes]),
      );
      expect(span.status.code).toBe(
        planned.status.code === 'error' ? SpanStatusCode.ERROR : SpanStatusCode.UNSET,
      );
      expect(span.instrumentationScope.name).toBe(`tracelens-demo/${planned.instrumentation}`);
      if (planned.parentId === undefined) {
        expect(span.parentSpanContext).toBeUndefined();
        continue;
      }
      const parent = byPlan[planned.parentId];
      expect(span.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
      // Crossing a service boundary means the context came over the wire.
      expect(span.parentSpanContext?.isRemote ?? false).toBe(
        plan.spans[planned.parentId].service !== planned.service,
      );
    }
  });

  it('gives each service a resource of its own', async () => {
    const { emitter, finished } = setUp();
    emitter.emit(createDispatchSimulation(1).planNext(0), EPOCH_NS);
    const resources = new Map(
      (await finished()).map((s) => [s.resource.attributes['service.name'], s.resource.attributes]),
    );
    expect([...resources.keys()].sort()).toEqual(['customer', 'driver', 'frontend', 'route']);
    for (const [service, attributes] of resources) {
      expect(attributes).toMatchObject({
        'service.version': expect.any(String),
        'service.namespace': 'hotrod',
        'host.name': expect.stringContaining(String(service)),
        'deployment.environment.name': 'demo',
        'telemetry.sdk.language': 'nodejs',
      });
    }
  });

  it("links a root span to its session's previous request", async () => {
    const { emitter, finished } = setUp();
    const simulation = createDispatchSimulation(9);
    let linked: number | undefined;
    for (let i = 0; i < 30 && linked === undefined; i++) {
      const plan = simulation.planNext(i * 2_000_000_000);
      emitter.emit(plan, EPOCH_NS);
      if (plan.spans[0].links.length > 0) linked = plan.spans[0].links[0].toRequest;
    }
    expect(linked).toBeDefined();
    const roots = (await finished()).filter((s) => s.name === 'HTTP GET /dispatch');
    const linking = roots.filter((s) => s.links.length > 0);
    expect(linking.length).toBeGreaterThan(0);
    for (const root of linking) {
      const target = roots.find((r) => r.spanContext().spanId === root.links[0].context.spanId);
      expect(target).toBeDefined();
      expect(target!.attributes['session.id']).toBe(root.attributes['session.id']);
      expect(root.links[0].attributes).toMatchObject({ 'link.reason': 'previous request in session' });
    }
  });

  it('lets each service have its own sampler; children follow a dropped parent', async () => {
    const samplers: DemoService[] = [];
    const { emitter, finished } = setUp({
      samplerFor: (service) => {
        samplers.push(service);
        return service === 'frontend'
          ? new ParentBasedSampler({ root: new AlwaysOffSampler() })
          : new ParentBasedSampler({ root: new AlwaysOnSampler() });
      },
    });
    expect(samplers.sort()).toEqual(['customer', 'driver', 'frontend', 'route']);
    expect(emitter.emit(createDispatchSimulation(2).planNext(0), EPOCH_NS)).toBe(0);
    expect(await finished()).toEqual([]);
  });
});

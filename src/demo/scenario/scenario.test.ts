import { describe, expect, it } from 'vitest';
import { LOCK_WAIT_TIMEOUT_MS, REDIS_MAX_ATTEMPTS, ROUTE_WORKERS, SLOW_CUSTOMER_ID } from './catalog';
import type { DispatchPlan, PlannedSpan } from './model';
import { createDispatchSimulation } from './simulation';

const MS = 1_000_000;

/** Plans `count` requests starting `gapMs` apart. */
function plans(seed: number, count: number, gapMs: number): DispatchPlan[] {
  const simulation = createDispatchSimulation(seed);
  return Array.from({ length: count }, (_, i) => simulation.planNext(i * gapMs * MS));
}

const named = (plan: DispatchPlan, name: string, service?: string) =>
  plan.spans.filter((s) => s.name === name && (service === undefined || s.service === service));
const parentOf = (plan: DispatchPlan, span: PlannedSpan) =>
  span.parentId === undefined ? undefined : plan.spans[span.parentId];

/** The most spans running at once; a span ending exactly when another starts does not overlap it. */
function maxOverlap(spans: readonly { startNs: number; endNs: number }[]): number {
  return Math.max(
    ...spans.map((s) => spans.filter((o) => o.startNs <= s.startNs && s.startNs < o.endNs).length),
  );
}

describe('dispatch plan', () => {
  it('is the same for the same seed and differs for another seed', () => {
    expect(plans(7, 12, 20)).toEqual(plans(7, 12, 20));
    expect(plans(8, 12, 20)).not.toEqual(plans(7, 12, 20));
  });

  it('fans out as HotROD does: customer and mysql, driver and redis, then route per driver', () => {
    for (const plan of plans(3, 10, 5000)) {
      const root = plan.spans[0];
      expect(root).toMatchObject({ service: 'frontend', kind: 'server', name: 'HTTP GET /dispatch' });
      expect(root.parentId).toBeUndefined();
      for (const span of plan.spans.slice(1)) {
        expect(span.parentId).toBeLessThan(span.id);
        expect(span.startNs).toBeGreaterThanOrEqual(parentOf(plan, span)!.startNs);
        expect(span.endNs).toBeLessThanOrEqual(parentOf(plan, span)!.endNs);
      }

      const [sql] = named(plan, 'SQL SELECT');
      expect(sql).toMatchObject({ service: 'customer', kind: 'client' });
      expect(sql.attributes).toMatchObject({ 'db.system': 'mysql', 'peer.service': 'mysql' });
      expect(sql.attributes['db.statement']).toBe(
        `SELECT * FROM customer WHERE customer_id=${plan.customer.id}`,
      );
      const customerServer = parentOf(plan, sql)!;
      expect(customerServer).toMatchObject({
        service: 'customer',
        kind: 'server',
        name: 'HTTP GET /customer',
      });
      expect(parentOf(plan, customerServer)).toMatchObject({ service: 'frontend', kind: 'client' });

      const [driverServer] = named(plan, '/driver.DriverService/FindNearest', 'driver');
      expect(driverServer.kind).toBe('server');
      expect(parentOf(plan, driverServer)).toMatchObject({ service: 'frontend', kind: 'client' });
      const redis = plan.spans.filter((s) => s.parentId === driverServer.id);
      expect(redis[0].name).toBe('FindDriverIDs');
      expect(new Set(redis.map((s) => s.attributes['peer.service']))).toEqual(new Set(['redis']));
      const drivers = redis.filter((s) => s.name === 'GetDriver' && s.status.code !== 'error');
      expect(drivers.length).toBeGreaterThanOrEqual(7);

      const routes = named(plan, 'HTTP GET /route', 'route');
      expect(routes.map((s) => s.attributes.driver_id)).toEqual(drivers.map((s) => s.attributes.driver_id));
      for (const route of routes) expect(parentOf(plan, route)).toMatchObject({ service: 'frontend' });
      // Sequential stages: customer, then drivers, then routes.
      expect(driverServer.startNs).toBeGreaterThan(customerServer.endNs);
      expect(Math.min(...routes.map((s) => s.startNs))).toBeGreaterThan(driverServer.endNs);
    }
  });

  it('queues route calls on a pool of 3 workers: a staircase of at least 3 steps', () => {
    const [plan] = plans(5, 1, 0);
    const clients = named(plan, 'HTTP GET /route', 'frontend');
    const servers = named(plan, 'HTTP GET /route', 'route');
    expect(clients.length).toBeGreaterThanOrEqual(8);
    expect(maxOverlap(clients)).toBe(ROUTE_WORKERS);
    expect(maxOverlap(servers)).toBeLessThanOrEqual(ROUTE_WORKERS);
    // Each call after the first three starts the moment an earlier one frees its worker.
    const step = new Map<PlannedSpan, number>();
    for (const [i, call] of clients.entries()) {
      if (i < ROUTE_WORKERS) {
        expect(call.startNs).toBe(clients[0].startNs);
        step.set(call, 1);
        continue;
      }
      const freedBy = clients.slice(0, i).find((earlier) => earlier.endNs === call.startNs);
      expect(freedBy).toBeDefined();
      step.set(call, step.get(freedBy!)! + 1);
    }
    expect(Math.max(...step.values())).toBeGreaterThanOrEqual(3);
  });

  it('serializes overlapping customer lookups behind one mysql lock', () => {
    const overlapping = plans(11, 8, 5);
    const sqls = overlapping
      .flatMap((plan) =>
        named(plan, 'SQL SELECT').map((s) => ({
          startNs: plan.startNs + s.startNs,
          endNs: plan.startNs + s.endNs,
          span: s,
        })),
      )
      .sort((a, b) => a.startNs - b.startNs);
    expect(sqls).toHaveLength(8);
    for (let i = 1; i < sqls.length; i++) expect(sqls[i].startNs).toBeGreaterThanOrEqual(sqls[i - 1].endNs);
    const waited = sqls.filter((s) => s.span.events.some((e) => e.name === 'Waiting for lock'));
    expect(waited.length).toBeGreaterThanOrEqual(1);
    for (const { span, startNs } of waited) {
      const wait = span.events.find((e) => e.name === 'Waiting for lock')!;
      expect(wait.attributes['lock.wait.duration_ms']).toBeGreaterThan(0);
      // It waited exactly until the previous holder was done: back-to-back.
      expect(sqls.some((other) => other.endNs === startNs)).toBe(true);
    }
  });

  it('times out lock waits longer than the timeout instead of queueing without bound', () => {
    const saturated = plans(2, 40, 0);
    const failed = saturated.filter((p) => p.spans[0].status.code === 'error');
    expect(failed.length).toBeGreaterThan(0);
    for (const plan of failed) {
      expect(named(plan, 'SQL SELECT')).toHaveLength(0);
      const [server] = named(plan, 'HTTP GET /customer', 'customer');
      expect(server.status.code).toBe('error');
      expect(server.events.map((e) => e.name)).toEqual(['Waiting for lock', 'exception']);
      expect(server.endNs - server.startNs).toBeGreaterThanOrEqual(LOCK_WAIT_TIMEOUT_MS * MS);
      expect(plan.spans[0].attributes['http.response.status_code']).toBe(500);
    }
    for (const plan of saturated.filter((p) => p.spans[0].status.code !== 'error')) {
      const wait = named(plan, 'SQL SELECT')[0].events.find((e) => e.name === 'Waiting for lock');
      expect(Number(wait?.attributes['lock.wait.duration_ms'] ?? 0)).toBeLessThanOrEqual(
        LOCK_WAIT_TIMEOUT_MS,
      );
    }
  });

  it('has intermittent redis timeouts, each retried by the following GetDriver span', () => {
    const sequential = plans(21, 40, 5000);
    let timeouts = 0;
    for (const plan of sequential) {
      const calls = named(plan, 'GetDriver');
      for (const [i, call] of calls.entries()) {
        if (call.status.code !== 'error') continue;
        timeouts++;
        expect(call.status.message).toBe('redis timeout');
        expect(call.events).toContainEqual(
          expect.objectContaining({
            name: 'exception',
            attributes: { 'exception.type': 'TimeoutError', 'exception.message': 'redis timeout' },
          }),
        );
        const attempt = Number(call.attributes['retry.attempt'] ?? 0);
        if (attempt + 1 >= REDIS_MAX_ATTEMPTS) continue;
        const retry = calls[i + 1];
        expect(retry.attributes.driver_id).toBe(call.attributes.driver_id);
        expect(retry.attributes['retry.attempt']).toBe(attempt + 1);
        expect(retry.startNs).toBeGreaterThanOrEqual(call.endNs);
      }
      const otherErrors = plan.spans.filter((s) => s.status.code === 'error' && s.name !== 'GetDriver');
      expect(otherErrors).toEqual([]);
    }
    expect(timeouts).toBeGreaterThanOrEqual(5);
  });

  it("makes Trom Chocolatier's SQL several times slower than everyone else's", () => {
    const sequential = plans(4, 100, 5000);
    const sqlMs = (slow: boolean) =>
      sequential
        .filter((p) => (p.customer.id === SLOW_CUSTOMER_ID) === slow)
        .map((p) => named(p, 'SQL SELECT')[0])
        .map((s) => (s.endNs - s.startNs) / MS)
        .sort((a, b) => a - b);
    const median = (xs: number[]) => xs[Math.floor(xs.length / 2)];
    const slow = sqlMs(true);
    const normal = sqlMs(false);
    expect(slow.length).toBeGreaterThanOrEqual(5);
    expect(median(slow)).toBeGreaterThan(4 * median(normal));
    expect(slow[0]).toBeGreaterThan(2 * median(normal));
  });

  it("links a session's request to its previous one, which ended before it started", () => {
    const sequential = plans(9, 30, 2000);
    const linked = sequential.filter((p) => p.spans[0].links.length > 0);
    expect(linked.length).toBeGreaterThan(5);
    for (const plan of linked) {
      const [link] = plan.spans[0].links;
      const previous = sequential[link.toRequest];
      expect(link.toRequest).toBeLessThan(plan.requestIndex);
      expect(previous.sessionId).toBe(plan.sessionId);
      expect(previous.customer).toEqual(plan.customer);
      expect(previous.startNs + previous.durationNs).toBeLessThanOrEqual(plan.startNs);
      expect(plan.spans[0].attributes['session.id']).toBe(plan.sessionId);
    }
  });

  it('refuses requests planned out of start order', () => {
    const simulation = createDispatchSimulation(1);
    simulation.planNext(10 * MS);
    expect(() => simulation.planNext(5 * MS)).toThrow(RangeError);
  });
});

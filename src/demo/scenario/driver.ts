/**
 * frontend → driver (gRPC FindNearest) → redis. The driver service finds nearby driver ids, then
 * fetches each driver one after another: an N+1 pattern whose timeouts are retried in place.
 */
import type { Random } from '../random';
import { latency, REDIS_MAX_ATTEMPTS, REDIS_TIMEOUT_PROBABILITY, redisEndpoint } from './catalog';
import { planGrpcCall, type CallResult, type Handled } from './calls';
import type { Customer, PlannedAttributes } from './model';
import type { PlanBuilder } from './planBuilder';

export interface NearestDrivers {
  call: CallResult;
  /** The drivers fetched successfully, in the order they were fetched. */
  driverIds: string[];
}

const REDIS_TIMEOUT = { type: 'TimeoutError', message: 'redis timeout' };

export function planFindNearest(
  b: PlanBuilder,
  request: { parentId: number; startNs: number; customer: Customer; random: Random },
): NearestDrivers {
  const driverIds: string[] = [];
  const call = planGrpcCall(b, {
    parentId: request.parentId,
    from: 'frontend',
    to: 'driver',
    rpcService: 'driver.DriverService',
    rpcMethod: 'FindNearest',
    startNs: request.startNs,
    random: request.random,
    attributes: {},
    handle: (serverId, atNs) => findNearest(b, serverId, atNs, request.customer, request.random, driverIds),
  });
  return { call, driverIds };
}

function findNearest(
  b: PlanBuilder,
  serverId: number,
  atNs: number,
  customer: Customer,
  random: Random,
  found: string[],
): Handled {
  const [x, y] = customer.location.split(',');
  b.event(serverId, 'Searching for nearby drivers', atNs, { location: customer.location });
  const searchEnd = atNs + latency.findDriverIds(random);
  redisCall(b, serverId, 'FindDriverIDs', atNs, searchEnd, {
    'db.operation.name': 'GEOSEARCH',
    'db.statement': `GEOSEARCH drivers FROMLONLAT ${x} ${y} BYRADIUS 5 km ASC`,
  });
  const candidates = Array.from({ length: random.int(8, 12) }, () => `T7${random.int(10000, 99999)}C`);

  let t = searchEnd + latency.handler(random);
  for (const driverId of candidates) {
    for (let attempt = 1; attempt <= REDIS_MAX_ATTEMPTS; attempt++) {
      const timedOut = random.chance(REDIS_TIMEOUT_PROBABILITY);
      const end = t + (timedOut ? latency.redisTimeout(random) : latency.getDriver(random));
      const spanId = redisCall(b, serverId, 'GetDriver', t, end, {
        'db.operation.name': 'HGETALL',
        'db.statement': `HGETALL driver:${driverId}`,
        driver_id: driverId,
        // Only retries carry it, so "retry.attempt" in a search finds exactly the retried calls.
        ...(attempt > 1 ? { 'retry.attempt': attempt - 1 } : {}),
      });
      t = end + latency.handler(random);
      if (!timedOut) {
        found.push(driverId);
        break;
      }
      b.fail(spanId, end, REDIS_TIMEOUT);
      if (attempt < REDIS_MAX_ATTEMPTS) {
        b.event(serverId, 'Retrying GetDriver after error', end, {
          driver_id: driverId,
          'retry.attempt': attempt,
          'error.message': REDIS_TIMEOUT.message,
        });
      } else {
        b.event(serverId, 'Skipping driver after repeated errors', end, { driver_id: driverId });
      }
    }
  }
  b.event(serverId, 'Search successful', t, { 'drivers.count': found.length });
  return { endNs: t, failed: false };
}

function redisCall(
  b: PlanBuilder,
  parentId: number,
  name: string,
  startNs: number,
  endNs: number,
  attributes: PlannedAttributes,
): number {
  const id = b.open({
    parentId,
    service: 'driver',
    instrumentation: 'redis',
    name,
    kind: 'client',
    startNs,
    attributes: {
      'db.system': 'redis',
      'server.address': redisEndpoint.host,
      'server.port': redisEndpoint.port,
      'peer.service': 'redis',
      ...attributes,
    },
  });
  b.close(id, endNs);
  return id;
}

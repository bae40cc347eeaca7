/**
 * frontend → route, once per driver. The frontend runs these calls on a pool of only
 * ROUTE_WORKERS workers, so with ~10 drivers they queue: the waterfall shows a staircase.
 */
import type { Random } from '../random';
import { latency, ROUTE_WORKERS } from './catalog';
import { planHttpCall } from './calls';
import type { Customer } from './model';
import type { PlanBuilder } from './planBuilder';

export interface BestRoute {
  driverId: string;
  etaMinutes: number;
}

export interface RoutesPlanned {
  /** When the last route call returned. */
  endNs: number;
  best: BestRoute | undefined;
}

export function planRoutes(
  b: PlanBuilder,
  request: { parentId: number; startNs: number; customer: Customer; driverIds: string[]; random: Random },
): RoutesPlanned {
  const { random, customer } = request;
  // Each worker takes the next queued driver as soon as its previous call returns.
  const workerFreeAt: number[] = Array.from({ length: ROUTE_WORKERS }, () => request.startNs);
  let best: BestRoute | undefined;
  for (const driverId of request.driverIds) {
    const worker = workerFreeAt.indexOf(Math.min(...workerFreeAt));
    const pickup = `${random.int(100, 900)},${random.int(100, 900)}`;
    const call = planHttpCall(b, {
      parentId: request.parentId,
      from: 'frontend',
      to: 'route',
      route: '/route',
      query: `dropoff=${customer.location}&pickup=${pickup}`,
      startNs: workerFreeAt[worker],
      random,
      attributes: { driver_id: driverId },
      handle: (_serverId, atNs) => ({ endNs: atNs + latency.routeCalculation(random), failed: false }),
    });
    workerFreeAt[worker] = call.endNs;
    const etaMinutes = random.int(2, 25);
    if (!best || etaMinutes < best.etaMinutes) best = { driverId, etaMinutes };
  }
  return { endNs: Math.max(...workerFreeAt), best };
}

/**
 * One `HTTP GET /dispatch` as HotROD's frontend serves it: look up the customer, find the
 * nearest drivers, then ask the route service for every driver's ETA and pick the best.
 */
import type { Random } from '../random';
import { latency, ROUTE_WORKERS, serviceInfo } from './catalog';
import { planCustomerLookup } from './customer';
import { planFindNearest } from './driver';
import type { Customer, DispatchPlan, PlannedLink } from './model';
import type { MysqlLock } from './mysqlLock';
import { PlanBuilder } from './planBuilder';
import { planRoutes } from './route';

export interface DispatchRequest {
  requestIndex: number;
  /** Since the simulation's epoch. */
  startNs: number;
  customer: Customer;
  sessionId: string;
  /** The session's previous request, which the root span links to. */
  previousRequest: number | undefined;
  lock: MysqlLock;
  random: Random;
}

const userAgents = [
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
];

export function planDispatch(request: DispatchRequest): DispatchPlan {
  const { customer, random } = request;
  const b = new PlanBuilder();
  const frontend = serviceInfo.frontend;
  const links: PlannedLink[] =
    request.previousRequest === undefined
      ? []
      : [
          {
            toRequest: request.previousRequest,
            attributes: { 'link.reason': 'previous request in session', 'session.id': request.sessionId },
          },
        ];
  const root = b.open({
    parentId: undefined,
    service: 'frontend',
    instrumentation: 'http',
    name: 'HTTP GET /dispatch',
    kind: 'server',
    startNs: 0,
    attributes: {
      'http.request.method': 'GET',
      'http.route': '/dispatch',
      'url.path': '/dispatch',
      'url.query': `customer=${customer.id}&nonse=0.${random.int(100000, 999999)}`,
      'url.scheme': 'http',
      'server.address': frontend.host,
      'server.port': frontend.port,
      'client.address': `192.0.2.${random.int(10, 250)}`,
      'user_agent.original': random.pick(userAgents),
      'network.protocol.version': '1.1',
      'session.id': request.sessionId,
      customer_id: customer.id,
    },
    links,
  });

  let t = latency.handler(random);
  b.event(root, 'Getting customer', t, { customer_id: customer.id });
  const lookup = planCustomerLookup(b, {
    parentId: root,
    startNs: t,
    requestStartNs: request.startNs,
    customer,
    lock: request.lock,
    random,
  });
  t = lookup.endNs + latency.handler(random);
  if (!lookup.ok) {
    b.event(root, 'Failed to get customer', t, { customer_id: customer.id });
    b.markError(root, { type: '500', message: 'Internal Server Error' });
    b.close(root, t, { 'http.response.status_code': 500 });
    return finish(request, b, t);
  }

  b.event(root, 'Found customer', t, { customer_id: customer.id, 'customer.name': customer.name });
  b.event(root, 'Finding nearest drivers', t, { location: customer.location });
  const nearest = planFindNearest(b, { parentId: root, startNs: t, customer, random });
  t = nearest.call.endNs + latency.handler(random);
  b.event(root, 'Found drivers', t, { 'drivers.count': nearest.driverIds.length });

  b.event(root, 'Finding routes', t, { 'route.workers': ROUTE_WORKERS });
  const routes = planRoutes(b, {
    parentId: root,
    startNs: t,
    customer,
    driverIds: nearest.driverIds,
    random,
  });
  t = Math.max(t, routes.endNs) + latency.handler(random);
  if (routes.best) {
    b.event(root, 'Dispatch successful', t, {
      driver_id: routes.best.driverId,
      eta_minutes: routes.best.etaMinutes,
    });
  } else {
    b.event(root, 'No drivers available', t);
  }
  b.close(root, t, { 'http.response.status_code': 200 });
  return finish(request, b, t);
}

function finish(request: DispatchRequest, b: PlanBuilder, durationNs: number): DispatchPlan {
  return {
    requestIndex: request.requestIndex,
    startNs: request.startNs,
    durationNs,
    customer: request.customer,
    sessionId: request.sessionId,
    spans: b.build(),
  };
}

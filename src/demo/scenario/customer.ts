/**
 * frontend → customer → mysql. The customer service reads the customer row under a lock that
 * all requests share, so concurrent lookups queue; Trom Chocolatier's row is 5–10× slower.
 */
import type { Random } from '../random';
import { latency, millis, mysqlEndpoint, SLOW_CUSTOMER_ID, SLOW_SQL_FACTOR } from './catalog';
import { planHttpCall, type CallResult, type Handled } from './calls';
import type { Customer } from './model';
import type { MysqlLock } from './mysqlLock';
import type { PlanBuilder } from './planBuilder';

export interface CustomerLookup {
  parentId: number;
  /** Relative to the request's start. */
  startNs: number;
  /** The request's start since the simulation's epoch: the lock lives on that clock. */
  requestStartNs: number;
  customer: Customer;
  lock: MysqlLock;
  random: Random;
}

export function planCustomerLookup(b: PlanBuilder, lookup: CustomerLookup): CallResult {
  const { customer, random } = lookup;
  return planHttpCall(b, {
    parentId: lookup.parentId,
    from: 'frontend',
    to: 'customer',
    route: '/customer',
    query: `customer=${customer.id}`,
    startNs: lookup.startNs,
    random,
    attributes: { customer_id: customer.id },
    handle: (serverId, atNs) => selectCustomer(b, lookup, serverId, atNs),
  });
}

function selectCustomer(b: PlanBuilder, lookup: CustomerLookup, serverId: number, atNs: number): Handled {
  const { customer, random } = lookup;
  const slowdown =
    customer.id === SLOW_CUSTOMER_ID ? random.between(SLOW_SQL_FACTOR.min, SLOW_SQL_FACTOR.max) : 1;
  const holdNs = Math.round(latency.sql(random) * slowdown);
  const grant = lookup.lock.acquire(lookup.requestStartNs + atNs, holdNs);
  if (!grant.granted) {
    b.event(serverId, 'Waiting for lock', atNs, { 'lock.queue.length': grant.queuedBehind });
    b.fail(serverId, atNs + grant.waitNs, {
      type: 'ER_LOCK_WAIT_TIMEOUT',
      message: 'Lock wait timeout exceeded; try restarting transaction',
    });
    return { endNs: atNs + grant.waitNs, failed: true };
  }
  // The span covers the time the query holds the lock; the wait shows as the gap before it.
  const sqlStart = grant.acquiredNs - lookup.requestStartNs;
  const sqlId = b.open({
    parentId: serverId,
    service: 'customer',
    instrumentation: 'mysql',
    name: 'SQL SELECT',
    kind: 'client',
    startNs: sqlStart,
    attributes: {
      'db.system': 'mysql',
      'db.namespace': mysqlEndpoint.database,
      'db.operation.name': 'SELECT',
      'db.collection.name': 'customer',
      'db.statement': `SELECT * FROM customer WHERE customer_id=${customer.id}`,
      'server.address': mysqlEndpoint.host,
      'server.port': mysqlEndpoint.port,
      'peer.service': 'mysql',
      customer_id: customer.id,
    },
  });
  if (grant.waitNs > 0) {
    b.event(sqlId, 'Waiting for lock', sqlStart, {
      'lock.wait.duration_ms': millis(grant.waitNs),
      'lock.queue.length': grant.queuedBehind,
    });
  }
  b.close(sqlId, sqlStart + holdNs);
  return { endNs: sqlStart + holdNs, failed: false };
}

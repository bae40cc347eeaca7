/**
 * The fixed cast of the demo: HotROD's customers, where each service listens, and the latencies
 * the stories depend on. Change a number here and the waterfall changes shape.
 */
import type { Random } from '../random';
import type { Customer, DemoService } from './model';

/** HotROD's four customers. Trom Chocolatier's row is the slow one (see SLOW_SQL_FACTOR). */
export const customers: readonly Customer[] = [
  { id: '123', name: "Rachel's Floral Designs", location: '115,277' },
  { id: '567', name: 'Amazing Coffee Roasters', location: '211,653' },
  { id: '392', name: 'Trom Chocolatier', location: '577,322' },
  { id: '731', name: 'Japanese Desserts', location: '728,326' },
];
export const SLOW_CUSTOMER_ID = '392';

/**
 * How often each customer orders. The slow one is rarer so that, at a few requests a second,
 * its long lock holds stand out instead of saturating the database.
 */
export const customerWeights: readonly (readonly [Customer, number])[] = customers.map((c) => [
  c,
  c.id === SLOW_CUSTOMER_ID ? 1 : 3,
]);

export interface ServiceInfo {
  readonly version: string;
  /** host.name and server.address: the name other services call it by. */
  readonly host: string;
  readonly port: number;
  /** client.address seen by the servers it calls. */
  readonly ip: string;
  /** host.name: the demo pretends each service runs in one Kubernetes pod. */
  readonly pod: string;
}

export const serviceInfo: Readonly<Record<DemoService, ServiceInfo>> = {
  frontend: {
    version: '1.8.2',
    host: 'frontend',
    port: 8080,
    ip: '10.0.1.10',
    pod: 'frontend-6d9f8b7c5-x7k2p',
  },
  customer: {
    version: '1.3.0',
    host: 'customer',
    port: 8081,
    ip: '10.0.1.11',
    pod: 'customer-58c4d9f6b-q4m8n',
  },
  driver: { version: '2.0.1', host: 'driver', port: 8082, ip: '10.0.1.12', pod: 'driver-7b6f5d4c9-h2j5v' },
  route: { version: '1.5.4', host: 'route', port: 8083, ip: '10.0.1.13', pod: 'route-5f8c7b9d4-w9r3t' },
};
export const mysqlEndpoint = { host: 'mysql', port: 3306, database: 'customers' } as const;
export const redisEndpoint = { host: 'redis', port: 6379 } as const;

/** Route calculations run on this many workers: too few for ~10 drivers, hence the staircase. */
export const ROUTE_WORKERS = 3;
/** MySQL error 1205 comes after this long in the lock queue; it keeps the queue bounded at high rates. */
export const LOCK_WAIT_TIMEOUT_MS = 1500;
/** Trom Chocolatier's query scans far more rows: 5–10× slower. */
export const SLOW_SQL_FACTOR = { min: 5, max: 10 } as const;
export const REDIS_TIMEOUT_PROBABILITY = 0.06;
/** GetDriver attempts per driver before the driver is skipped. */
export const REDIS_MAX_ATTEMPTS = 3;

const NS_PER_MS = 1_000_000;
const ns = (ms: number) => Math.round(ms * NS_PER_MS);

/** Simulated latencies, in nanoseconds. */
export const latency = {
  /** One way across the data-centre network. */
  network: (r: Random) => ns(r.between(0.2, 0.9)),
  /** Work a handler does before or after its downstream calls. */
  handler: (r: Random) => ns(r.between(0.05, 0.4)),
  sql: (r: Random) => ns(r.normal(45, 8, 20)),
  findDriverIds: (r: Random) => ns(r.normal(20, 4, 8)),
  getDriver: (r: Random) => ns(r.normal(10, 2, 4)),
  /** The redis client's command timeout. */
  redisTimeout: (r: Random) => ns(r.normal(30, 1, 28)),
  routeCalculation: (r: Random) => ns(r.normal(50, 12, 15)),
  lockWaitTimeout: ns(LOCK_WAIT_TIMEOUT_MS),
} as const;

/** Nanoseconds in milliseconds, rounded to microseconds: for attributes people read. */
export function millis(nanoseconds: number): number {
  return Math.round(nanoseconds / 1000) / 1000;
}

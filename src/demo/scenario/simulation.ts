/**
 * The simulated world behind the demo: a seed, the mysql lock all requests share, and the
 * customers' browsing sessions. Plans requests one after another without waiting in real time.
 */
import { createRandom, deriveSeed } from '../random';
import { customerWeights, latency } from './catalog';
import { planDispatch } from './dispatch';
import type { DispatchPlan } from './model';
import { MysqlLock } from './mysqlLock';

export interface DispatchSimulation {
  readonly seed: number;
  /**
   * Plans the next request, starting `startNs` nanoseconds after the simulation's epoch. Calls
   * must come in start order: the lock grants in call order, as a real queue would.
   */
  planNext(startNs: number): DispatchPlan;
}

interface Session {
  id: string;
  lastRequest: number;
  lastEndNs: number;
  requestsLeft: number;
}

export function createDispatchSimulation(seed: number): DispatchSimulation {
  const lock = new MysqlLock(latency.lockWaitTimeout);
  const sessionsByCustomer = new Map<string, Session>();
  let nextIndex = 0;
  let lastStartNs = Number.NEGATIVE_INFINITY;
  return {
    seed,
    planNext(startNs) {
      if (!(startNs >= lastStartNs)) {
        throw new RangeError(`requests must be planned in start order (${startNs} < ${lastStartNs})`);
      }
      lastStartNs = startNs;
      const requestIndex = nextIndex++;
      // Each request draws from its own stream, so its choices do not depend on earlier ones.
      const random = createRandom(deriveSeed(seed, requestIndex));
      const customer = random.weighted(customerWeights);
      const freshSessionId = random.hex(16);
      const freshSessionLength = random.int(2, 8);

      // A person waits for one dispatch before asking for another; an overlapping request for
      // the same customer comes from someone else, in a session of their own.
      const session = sessionsByCustomer.get(customer.id);
      const continues = session !== undefined && session.requestsLeft > 0 && session.lastEndNs <= startNs;
      const plan = planDispatch({
        requestIndex,
        startNs,
        customer,
        sessionId: continues ? session.id : freshSessionId,
        previousRequest: continues ? session.lastRequest : undefined,
        lock,
        random,
      });
      sessionsByCustomer.set(customer.id, {
        id: plan.sessionId,
        lastRequest: requestIndex,
        lastEndNs: startNs + plan.durationNs,
        requestsLeft: continues ? session.requestsLeft - 1 : freshSessionLength,
      });
      return plan;
    },
  };
}

/**
 * Serialization and lock contention, from two kinds of evidence:
 * - timing: calls to one resource, from different callers, that never overlap and each start the
 *   moment the previous one ends while their caller had been waiting — a queue (queuedCalls.ts);
 * - what the instrumentation recorded: a "waiting for lock" event, a lock wait timeout
 *   (lockWaits.ts).
 * Both report the waiting windows they explain, so the gap detector does not report the same
 * idle time again as uninstrumented work.
 */
import type { InsightContext } from './insightContext';
import { lockWaitsWork } from './lockWaits';
import { queuedCallsWork } from './queuedCalls';
import type { ContentionFindings } from './waitWindow';
import { finish, type Work } from './work';

/** The detector in one go: `contentionWork` to completion. */
export function detectContention(ctx: InsightContext): ContentionFindings {
  return finish(contentionWork(ctx));
}

/** Resumable (work.ts), like the two detectors it runs. */
export function* contentionWork(ctx: InsightContext): Work<ContentionFindings> {
  const queued = yield* queuedCallsWork(ctx);
  const recorded = yield* lockWaitsWork(ctx);
  return {
    insights: [...queued.insights, ...recorded.insights],
    explained: [...queued.explained, ...recorded.explained],
  };
}

/**
 * N+1 calls: one parent issuing many near-identical database or cache calls — same service and
 * operation, statements that differ only in their parameters. One batched call (an IN list, a
 * pipeline, MGET) would replace them; what it could save is the critical-path time they take,
 * less one call.
 */
import { formatMicros } from './formatTime';
import { rowSet, type Insight } from './insight';
import type { InsightContext } from './insightContext';
import { templateOf } from './normalize';
import { callsTo } from './peers';
import { DATABASE_SAMPLE_READS, type SiblingGroup } from './siblingGroups';
import { finish, ROWS_PER_READ, type Work } from './work';

const STATEMENT_KEYS = ['db.query.text', 'db.statement'] as const;
const MAX_TEMPLATE_CHARS = 60;

/** Spans read between two yields. */
const READS_PER_YIELD = 32;

/** The detector in one go: `nPlusOneWork` to completion. */
export function detectNPlusOne(ctx: InsightContext, groups: readonly SiblingGroup[]): Insight[] {
  return finish(nPlusOneWork(ctx, groups));
}

/** Resumable (work.ts): reads every call's statement, a yield every READS_PER_YIELD of them. */
export function* nPlusOneWork(ctx: InsightContext, groups: readonly SiblingGroup[]): Work<Insight[]> {
  const found: Insight[] = [];
  for (const group of groups) {
    const database = ctx.mostlyDatabaseCalls(group.rows);
    yield DATABASE_SAMPLE_READS;
    if (!database) continue;
    const insight = yield* nPlusOneOf(ctx, group);
    if (insight) found.push(insight);
  }
  return found;
}

function* nPlusOneOf(ctx: InsightContext, { parent, rows }: SiblingGroup): Work<Insight | null> {
  const byTemplate = new Map<string, number[]>();
  let reads = 0;
  for (const r of rows) {
    const template = templateOf(ctx.text(r, STATEMENT_KEYS));
    const same = byTemplate.get(template);
    if (same) same.push(r);
    else byTemplate.set(template, [r]);
    if (++reads === READS_PER_YIELD) {
      yield reads;
      reads = 0;
    }
  }
  yield reads + rows.length / ROWS_PER_READ;
  let template = '';
  let calls: number[] = [];
  for (const [t, members] of byTemplate) {
    if (members.length > calls.length) [template, calls] = [t, members];
  }
  if (calls.length < ctx.thresholds.minRepeatedQueries) return null;

  let total = 0;
  let longest = 0;
  for (const r of calls) {
    total += ctx.index.durationUs[r];
    longest = Math.max(longest, ctx.index.durationUs[r]);
  }
  const saving = ctx.criticalTimeDuring(parent, calls) - longest;
  if (saving < ctx.noiseFloorUs) return null;
  const shown =
    template.length > MAX_TEMPLATE_CHARS ? `${template.slice(0, MAX_TEMPLATE_CHARS - 1)}…` : template;
  return {
    kind: 'n-plus-one',
    rows: rowSet(calls),
    timeAtStakeUs: saving,
    summary:
      `${calls.length} ${callsTo(ctx, calls)}${shown ? ` (${shown})` : ''} ` +
      `from ${ctx.label(parent)} took ${formatMicros(total)}: ` +
      `one batched call could save about ${formatMicros(saving)}.`,
  };
}

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
import { mostlyDatabaseCalls, type SiblingGroup } from './siblingGroups';

const STATEMENT_KEYS = ['db.query.text', 'db.statement'] as const;
const MAX_TEMPLATE_CHARS = 60;

export function detectNPlusOne(ctx: InsightContext, groups: readonly SiblingGroup[]): Insight[] {
  const found: Insight[] = [];
  for (const group of groups) {
    if (!mostlyDatabaseCalls(ctx.index, group.rows)) continue;
    const insight = nPlusOneOf(ctx, group);
    if (insight) found.push(insight);
  }
  return found;
}

function nPlusOneOf(ctx: InsightContext, { parent, rows }: SiblingGroup): Insight | null {
  const byTemplate = new Map<string, number[]>();
  for (const r of rows) {
    const template = templateOf(ctx.text(r, STATEMENT_KEYS));
    const same = byTemplate.get(template);
    if (same) same.push(r);
    else byTemplate.set(template, [r]);
  }
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

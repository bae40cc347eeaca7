/**
 * Children of one parent that do the same thing: same service, and operation names that differ
 * only in parameters (`GET /items/41`, `GET /items/42`). Staircases and N+1 calls are both
 * patterns of such groups. One pass over the parents, O(n) overall, resumable (work.ts).
 */
import type { TraceIndex } from '../tree/traceIndex';
import { templateOf } from './normalize';
import { COLUMN_PASS_COST, finish, ROWS_PER_YIELD, type Work } from './work';

export interface SiblingGroup {
  parent: number;
  /** In start order (display order). */
  rows: number[];
}

/** Per operation, the id of its name's template. */
function operationTemplates(operations: readonly string[]): Int32Array {
  const ids = new Map<string, number>();
  const out = new Int32Array(operations.length);
  operations.forEach((name, i) => {
    const template = templateOf(name);
    let id = ids.get(template);
    if (id === undefined) ids.set(template, (id = ids.size));
    out[i] = id;
  });
  return out;
}

/** All groups in one go: `siblingGroupsWork` to completion. */
export function siblingGroups(index: TraceIndex, minSize: number): SiblingGroup[] {
  return finish(siblingGroupsWork(index, minSize));
}

/** Resumable (work.ts): a yield every ROWS_PER_YIELD children looked at. */
export function* siblingGroupsWork(index: TraceIndex, minSize: number): Work<SiblingGroup[]> {
  const { childCount, subtreeEnd, service, operation } = index;
  const template = operationTemplates(index.operations);
  const templates = Math.max(1, index.operations.length);
  const groups: SiblingGroup[] = [];
  const byKey = new Map<number, number[]>();
  let rows = 0;
  for (let p = 0; p < childCount.length; p++) {
    if (++rows >= ROWS_PER_YIELD) {
      yield COLUMN_PASS_COST;
      rows = 0;
    }
    if (childCount[p] < minSize) continue;
    byKey.clear();
    const end = subtreeEnd[p];
    for (let c = p + 1; c < end; c = subtreeEnd[c]) {
      const key = service[c] * templates + template[operation[c]];
      const same = byKey.get(key);
      if (same) same.push(c);
      else byKey.set(key, [c]);
      if (++rows >= ROWS_PER_YIELD) {
        yield COLUMN_PASS_COST;
        rows = 0;
      }
    }
    for (const same of byKey.values()) if (same.length >= minSize) groups.push({ parent: p, rows: same });
  }
  return groups;
}

/** Database and cache calls, which batching (rather than parallelism) fixes. */
const DATABASE_KEYS = ['db.system', 'db.system.name', 'db.statement', 'db.query.text'] as const;

/** Calls of a group looked at to tell database calls from others: they are all alike. */
const SAMPLE = 32;

/** Spans `mostlyDatabaseCalls` reads at most: a step of ⌊n / SAMPLE⌋ takes fewer than 2 × SAMPLE. */
export const DATABASE_SAMPLE_READS = 2 * SAMPLE;

/** At least half of the calls (of an even sample, for big groups) are database calls. */
export function mostlyDatabaseCalls(index: TraceIndex, rows: readonly number[]): boolean {
  const step = Math.max(1, Math.floor(rows.length / SAMPLE));
  let database = 0;
  let sampled = 0;
  for (let i = 0; i < rows.length; i += step, sampled++) if (isDatabaseCall(index, rows[i])) database++;
  return database * 2 >= sampled;
}

function isDatabaseCall(index: TraceIndex, row: number): boolean {
  for (const a of index.spans[row].attributes)
    if ((DATABASE_KEYS as readonly string[]).includes(a.key)) return true;
  return false;
}

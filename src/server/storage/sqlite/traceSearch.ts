/**
 * findTraces for the SQLite store: candidate chunks come newest first from the term index (or from
 * the chunks table when nothing in the query is indexed), already filtered on their time and
 * duration extremes in SQL; each candidate trace is then read and tested with spanMatches, the
 * same predicate the memory store uses.
 *
 * Results are ordered by a trace's first insertion (its seq), while chunks are walked by their own
 * ID; a late chunk of an old trace has a higher ID than its trace's seq. Since seq ≤ chunk ID, the
 * walk can stop as soon as `depth` matches all have a seq above the current chunk ID.
 */
import type Database from 'better-sqlite3';
import type { Trace } from '../../../core/model/trace';
import { someSpanMatches, type CompiledSpanCriteria } from '../spanMatcher';
import { CandidateRanges, type CandidateRange } from './candidateRange';
import { clampInt64 } from './chunkWriter';
import { criteriaMatch } from './terms';
import type { TraceReader } from './traceReader';

interface Candidate {
  id: number;
  seq: number;
}

interface Shape {
  terms: boolean;
  list: boolean;
  startMin: boolean;
  startMax: boolean;
  durationMin: boolean;
  durationMax: boolean;
}

type Params = Record<string, string | number | bigint>;

const FIRST_PAGE = 64;
/** Traces read between two yields to the event loop. */
export const READS_PER_TURN = 256;

export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
const MAX_PAGE = 4096;

function shapeKey(s: Shape): string {
  return Object.values(s)
    .map((v) => (v ? '1' : '0'))
    .join('');
}

function candidateSql(s: Shape): string {
  const id = s.terms ? 'f.rowid' : 'c.id';
  const where = [`${id} >= @from`, `${id} < @before`];
  if (s.terms) where.unshift('chunk_terms MATCH @match');
  if (s.list) where.push(`${id} IN (SELECT value FROM json_each(@ids))`);
  if (s.startMin) where.push('c.max_start >= @startMin');
  if (s.startMax) where.push('c.min_start <= @startMax');
  if (s.durationMin) where.push('c.max_duration >= @durationMin');
  if (s.durationMax) where.push('c.min_duration <= @durationMax');
  const from = s.terms ? 'chunk_terms f JOIN chunks c ON c.id = f.rowid' : 'chunks c';
  return `SELECT ${id} AS id, c.trace_seq AS seq FROM ${from}
    WHERE ${where.join(' AND ')} ORDER BY ${id} DESC LIMIT @limit`;
}

export class TraceSearch {
  private readonly statements = new Map<string, Database.Statement<[Params], Candidate>>();
  private readonly ranges: CandidateRanges;

  constructor(
    private readonly db: Database.Database,
    private readonly reader: TraceReader,
    /** Every service ever stored, for searches without a service. */
    private readonly services: () => readonly string[],
  ) {
    this.ranges = new CandidateRanges(db);
  }

  /**
   * Up to `depth` traces with a span meeting every criterion, newest inserted first. A search the
   * index cannot narrow reads many traces: it yields to the event loop every few hundred, so
   * ingest keeps flowing meanwhile.
   */
  async find(
    c: CompiledSpanCriteria,
    depth: number,
    spread: bigint,
    assertOpen: () => void,
  ): Promise<Trace[]> {
    const range = this.ranges.rangeFor(c, spread);
    if (range === null) return [];
    const matched: { seq: number; trace: Trace }[] = [];
    const tested = new Set<number>();
    for (const candidate of this.candidates(c, range)) {
      if (matched.length >= depth && matched[depth - 1].seq > candidate.id) break;
      if (tested.has(candidate.seq)) continue;
      tested.add(candidate.seq);
      if (tested.size % READS_PER_TURN === 0) {
        await nextTurn();
        assertOpen();
      }
      const trace = this.reader.traceBySeq(candidate.seq);
      if (trace === null || !someSpanMatches(trace.spans, c)) continue;
      let at = matched.length;
      while (at > 0 && matched[at - 1].seq < candidate.seq) at--;
      matched.splice(at, 0, { seq: candidate.seq, trace });
      if (matched.length > depth) matched.length = depth;
    }
    return matched.map((m) => m.trace);
  }

  private *candidates(c: CompiledSpanCriteria, range: CandidateRange): Generator<Candidate> {
    const match = criteriaMatch(c, this.services);
    const shape: Shape = {
      terms: match !== null,
      list: range.ids !== undefined,
      startMin: c.startTimeMin !== undefined,
      startMax: c.startTimeMax !== undefined,
      durationMin: c.durationMin !== undefined,
      durationMax: c.durationMax !== undefined,
    };
    const statement = this.statement(shape);
    const params: Params = { from: range.from, before: range.before, limit: FIRST_PAGE };
    if (match !== null) params.match = match;
    if (range.ids) params.ids = JSON.stringify(range.ids);
    if (c.startTimeMin !== undefined) params.startMin = clampInt64(c.startTimeMin);
    if (c.startTimeMax !== undefined) params.startMax = clampInt64(c.startTimeMax);
    if (c.durationMin !== undefined) params.durationMin = clampInt64(c.durationMin);
    if (c.durationMax !== undefined) params.durationMax = clampInt64(c.durationMax);
    // Pages grow: most searches are answered by the first, a sparse match needs long ones.
    for (;;) {
      const page = statement.all(params);
      yield* page;
      if (page.length < Number(params.limit)) return;
      params.before = page[page.length - 1].id;
      params.limit = Math.min(MAX_PAGE, Number(params.limit) * 4);
    }
  }

  private statement(shape: Shape): Database.Statement<[Params], Candidate> {
    const key = shapeKey(shape);
    let statement = this.statements.get(key);
    if (statement === undefined) {
      statement = this.db.prepare<[Params], Candidate>(candidateSql(shape));
      this.statements.set(key, statement);
    }
    return statement;
  }
}

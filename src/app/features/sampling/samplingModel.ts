/**
 * The sampling API's shapes (Tracelens backend, `/api/sampling/*`) and the editor's draft of one
 * strategy. Probabilities are edited as percentages because "0.1 %" reads better than "0.001";
 * the draft keeps the text typed so that a half-typed "0." is not rewritten under the cursor.
 */

export type StrategyType = 'probabilistic' | 'ratelimiting';

/** Jaeger's strategies-file entries. No `type` means "the default probability". */
export interface OperationStrategy {
  operation: string;
  type?: StrategyType;
  param?: number;
}

export interface StrategyEntry {
  type?: StrategyType;
  param?: number;
  operation_strategies?: OperationStrategy[];
}

export interface ServiceStrategy extends StrategyEntry {
  service: string;
}

export interface StrategiesDocument {
  default_strategy?: StrategyEntry;
  service_strategies: ServiceStrategy[];
}

/** What the sampling endpoint answers (Jaeger's SamplingStrategyResponse). */
export interface EffectiveStrategy {
  strategyType: 'PROBABILISTIC' | 'RATE_LIMITING';
  probabilisticSampling?: { samplingRate: number };
  rateLimitingSampling?: { maxTracesPerSecond: number };
  operationSampling?: {
    defaultSamplingProbability: number;
    perOperationStrategies: { operation: string; probabilisticSampling: { samplingRate: number } }[];
  };
}

export interface ServiceSampling {
  service: string;
  seen: boolean;
  configured: ServiceStrategy | null;
  effective: EffectiveStrategy;
}

export interface SamplingState {
  file: string;
  revision: number;
  defaultProbability: number;
  document: StrategiesDocument;
  defaultStrategy: EffectiveStrategy;
  services: ServiceSampling[];
  /** After an edit: what Jaeger would silently ignore or truncate. */
  warnings?: string[];
}

export interface ObservedPoint {
  t: number;
  spansPerSecond: number;
  tracesPerSecond: number;
}

export interface ObservedService {
  service: string;
  spansPerSecond: number;
  tracesPerSecond: number;
  points: ObservedPoint[];
}

export interface ObservedReport {
  windowSeconds: number;
  stepSeconds: number;
  end: number;
  services: ObservedService[];
}

/** `inherit`: no type of its own (a service follows the default; the default uses the built-in probability). */
export type DraftMode = 'inherit' | StrategyType;

export interface OperationDraft {
  /** Stable React key; operation names change while typed. */
  key: number;
  operation: string;
  percent: string;
  /** Entries the editor cannot express (rate limiting, no type) are kept as they were. */
  kept?: OperationStrategy;
}

export interface StrategyDraft {
  mode: DraftMode;
  percent: string;
  rate: string;
  operations: OperationDraft[];
}

export interface DraftProblems {
  value?: string;
  operations: Record<number, { operation?: string; percent?: string }>;
}

let nextKey = 1;
export const newOperationKey = () => nextKey++;

/** 0.07 → "7", without the 7.000000000000001 that 0.07 * 100 gives. */
export function percentText(probability: number): string {
  return String(Number((probability * 100).toPrecision(12)));
}

export const formatPercent = (probability: number) => `${percentText(probability)} %`;

export function formatRate(perSecond: number): string {
  if (perSecond === 0) return '0';
  if (perSecond < 0.1) return perSecond.toFixed(3);
  return perSecond < 10 ? perSecond.toFixed(2) : perSecond.toFixed(1);
}

/** "10 %" or "5 traces/s": the strategy the endpoint answers, in one phrase. */
export function describeEffective(e: EffectiveStrategy): string {
  if (e.strategyType === 'RATE_LIMITING') {
    const n = e.rateLimitingSampling?.maxTracesPerSecond ?? 0;
    return `${n} ${n === 1 ? 'trace' : 'traces'}/s`;
  }
  return formatPercent(e.probabilisticSampling?.samplingRate ?? 0);
}

export function draftFrom(entry: StrategyEntry | null, effective: EffectiveStrategy): StrategyDraft {
  const rate = effective.probabilisticSampling?.samplingRate;
  return {
    mode: entry?.type ?? 'inherit',
    percent: entry?.type === 'probabilistic' ? percentText(entry.param ?? 0) : percentText(rate ?? 1),
    rate: entry?.type === 'ratelimiting' ? String(Math.trunc(entry.param ?? 0)) : '1',
    operations: (entry?.operation_strategies ?? []).map((o) => ({
      key: newOperationKey(),
      operation: o.operation,
      percent: o.type === 'probabilistic' ? percentText(o.param ?? 0) : '',
      kept: o.type === 'probabilistic' ? undefined : o,
    })),
  };
}

/** A percentage typed by a person: "10", "0.5", "10 %". */
function parsePercent(text: string): { value?: number; problem?: string } {
  const t = text.trim().replace(/\s*%$/, '');
  if (t === '') return { problem: 'Enter a percentage from 0 to 100.' };
  const n = Number(t);
  if (!Number.isFinite(n)) return { problem: 'Enter a number, such as 10 or 0.5.' };
  if (n < 0 || n > 100) return { problem: 'Enter a percentage from 0 to 100.' };
  return { value: n };
}

function parseRate(text: string): { value?: number; problem?: string } {
  const t = text.trim();
  if (t === '') return { problem: 'Enter the most traces per second to keep.' };
  const n = Number(t);
  // Jaeger truncates to a whole number (0.9 would become 0): ask for one instead.
  if (!Number.isInteger(n) || n < 0 || n > 2 ** 31 - 1) {
    return { problem: 'Enter a whole number of traces per second, 0 or more.' };
  }
  return { value: n };
}

export function validateDraft(d: StrategyDraft): DraftProblems {
  const problems: DraftProblems = { operations: {} };
  if (d.mode === 'probabilistic') problems.value = parsePercent(d.percent).problem;
  if (d.mode === 'ratelimiting') problems.value = parseRate(d.rate).problem;
  const seen = new Set<string>();
  for (const o of d.operations) {
    const p: { operation?: string; percent?: string } = {};
    const name = o.operation.trim();
    if (name === '') p.operation = 'Enter the operation name.';
    else if (seen.has(name)) p.operation = 'This operation is already listed.';
    seen.add(name);
    if (!o.kept) p.percent = parsePercent(o.percent).problem;
    if (p.operation || p.percent) problems.operations[o.key] = p;
  }
  return problems;
}

export const hasProblems = (p: DraftProblems) =>
  p.value !== undefined || Object.keys(p.operations).length > 0;

/** The entry to save (assumes validateDraft found nothing); null when it would say nothing. */
export function entryFromDraft(d: StrategyDraft): StrategyEntry | null {
  const entry: StrategyEntry = {};
  if (d.mode === 'probabilistic') {
    entry.type = 'probabilistic';
    entry.param = (parsePercent(d.percent).value ?? 0) / 100;
  } else if (d.mode === 'ratelimiting') {
    entry.type = 'ratelimiting';
    entry.param = parseRate(d.rate).value ?? 0;
  }
  const ops = d.operations.map((o): OperationStrategy =>
    o.kept
      ? { ...o.kept, operation: o.operation.trim() }
      : {
          operation: o.operation.trim(),
          type: 'probabilistic',
          param: (parsePercent(o.percent).value ?? 0) / 100,
        },
  );
  if (ops.length > 0) entry.operation_strategies = ops;
  return entry.type || ops.length > 0 ? entry : null;
}

/**
 * What the remote sampling endpoint answers: jaeger-idl's SamplingStrategyResponse, resolved from a
 * strategies document the way Jaeger's file provider does (`provider.go: parseStrategies`), and
 * encoded exactly as Jaeger's HTTP handler writes it (jsonpb with EmitDefaults, nulls removed).
 *
 * Pure (no Node imports): the UI's MSW mocks (mocks/sampling.ts) run it too.
 */
import type { DefaultStrategy, OperationStrategy, StrategiesDocument, Strategy } from './strategies';

export type StrategyTypeName = 'PROBABILISTIC' | 'RATE_LIMITING';

export interface OperationSamplingStrategy {
  operation: string;
  probabilisticSampling: { samplingRate: number };
}

export interface PerOperationSamplingStrategies {
  defaultSamplingProbability: number;
  defaultLowerBoundTracesPerSecond: number;
  perOperationStrategies: OperationSamplingStrategy[];
  defaultUpperBoundTracesPerSecond: number;
}

export interface SamplingStrategyResponse {
  strategyType: StrategyTypeName;
  probabilisticSampling?: { samplingRate: number };
  rateLimitingSampling?: { maxTracesPerSecond: number };
  operationSampling?: PerOperationSamplingStrategies;
}

/** Every service's answer, precomputed: the endpoint is polled by every SDK every few seconds. */
export interface ResolvedStrategies {
  defaultStrategy: SamplingStrategyResponse;
  services: ReadonlyMap<string, SamplingStrategyResponse>;
}

const probabilistic = (samplingRate: number): SamplingStrategyResponse => ({
  strategyType: 'PROBABILISTIC',
  probabilisticSampling: { samplingRate },
});

/** Jaeger's `parseStrategy`; no or an unknown type is the default probabilistic strategy. */
function strategyResponse(s: Strategy, defaultProbability: number): SamplingStrategyResponse {
  if (s.type === 'probabilistic') return probabilistic(s.param ?? 0);
  if (s.type === 'ratelimiting') {
    // int32(param) in Go: truncation towards zero.
    return {
      strategyType: 'RATE_LIMITING',
      rateLimitingSampling: { maxTracesPerSecond: Math.trunc(s.param ?? 0) },
    };
  }
  return probabilistic(defaultProbability);
}

/** Jaeger's `parseServiceStrategies`: operation strategies are probabilistic only. */
function serviceResponse(s: DefaultStrategy, defaultProbability: number): SamplingStrategyResponse {
  const response = strategyResponse(s, defaultProbability);
  const ops = s.operation_strategies ?? [];
  if (ops.length === 0) return response;
  response.operationSampling = {
    defaultSamplingProbability: response.probabilisticSampling?.samplingRate ?? defaultProbability,
    defaultLowerBoundTracesPerSecond: 0,
    perOperationStrategies: ops
      .filter((o: OperationStrategy) => o.type !== 'ratelimiting')
      .map((o) => ({
        operation: o.operation,
        probabilisticSampling: {
          samplingRate: strategyResponse(o, defaultProbability).probabilisticSampling?.samplingRate ?? 0,
        },
      })),
    defaultUpperBoundTracesPerSecond: 0,
  };
  return response;
}

/** Jaeger's `mergePerOperationSamplingStrategies`: the service's own entries win. */
function mergeOperations(
  own: OperationSamplingStrategy[],
  defaults: readonly OperationSamplingStrategy[],
): OperationSamplingStrategy[] {
  const names = new Set(own.map((o) => o.operation));
  return [...own, ...defaults.filter((o) => !names.has(o.operation))];
}

export function resolveStrategies(doc: StrategiesDocument, defaultProbability: number): ResolvedStrategies {
  const defaultStrategy = doc.default_strategy
    ? serviceResponse(doc.default_strategy, defaultProbability)
    : probabilistic(defaultProbability);
  const defaultOps = defaultStrategy.operationSampling;
  const services = new Map<string, SamplingStrategyResponse>();
  for (const s of doc.service_strategies) {
    const response = serviceResponse(s, defaultProbability);
    if (defaultOps) {
      const own = response.operationSampling;
      if (own) {
        own.perOperationStrategies = mergeOperations(
          own.perOperationStrategies,
          defaultOps.perOperationStrategies,
        );
      } else {
        // No operations of its own: the default's, with the service's probability if it has one.
        response.operationSampling = {
          ...defaultOps,
          perOperationStrategies: [...defaultOps.perOperationStrategies],
          defaultSamplingProbability:
            response.probabilisticSampling?.samplingRate ?? defaultOps.defaultSamplingProbability,
        };
      }
    }
    services.set(s.service, response);
  }
  return { defaultStrategy, services };
}

export function strategyFor(resolved: ResolvedStrategies, service: string): SamplingStrategyResponse {
  return resolved.services.get(service) ?? resolved.defaultStrategy;
}

/**
 * The exact bytes Jaeger sends: fields in proto order, absent messages left out (Jaeger strips
 * the `null`s jsonpb writes), zero values kept. JSON.stringify formats doubles as Go does for the
 * values that occur here (shortest round-trip form, exponent below 1e-6).
 */
export function encodeStrategyResponse(r: SamplingStrategyResponse): string {
  const ordered: Record<string, unknown> = { strategyType: r.strategyType };
  if (r.probabilisticSampling)
    ordered.probabilisticSampling = { samplingRate: r.probabilisticSampling.samplingRate };
  if (r.rateLimitingSampling) {
    ordered.rateLimitingSampling = { maxTracesPerSecond: r.rateLimitingSampling.maxTracesPerSecond };
  }
  const o = r.operationSampling;
  if (o) {
    ordered.operationSampling = {
      defaultSamplingProbability: o.defaultSamplingProbability,
      defaultLowerBoundTracesPerSecond: o.defaultLowerBoundTracesPerSecond,
      perOperationStrategies: o.perOperationStrategies.map((s) => ({
        operation: s.operation,
        probabilisticSampling: { samplingRate: s.probabilisticSampling.samplingRate },
      })),
      defaultUpperBoundTracesPerSecond: o.defaultUpperBoundTracesPerSecond,
    };
  }
  return JSON.stringify(ordered);
}

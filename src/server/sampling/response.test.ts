import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  encodeStrategyResponse,
  resolveStrategies,
  strategyFor,
  type SamplingStrategyResponse,
} from './response';
import { parseStrategiesDocument, type StrategiesDocument } from './strategies';

/** Jaeger's DefaultSamplingProbability (the all-in-one overrides it with 1). */
const JAEGER_DEFAULT = 0.001;

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8'));

function load(name: string): StrategiesDocument {
  const parsed = parseStrategiesDocument(fixture(name));
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return parsed.value;
}

const encoded = (doc: StrategiesDocument, service: string, defaultProbability = JAEGER_DEFAULT) =>
  encodeStrategyResponse(strategyFor(resolveStrategies(doc, defaultProbability), service));

/**
 * The Go struct as encoding/json writes it (Jaeger's snapshot files): int enum, zero values and
 * empty messages left out.
 */
function goJsonForm(r: SamplingStrategyResponse): unknown {
  const out: Record<string, unknown> = {};
  if (r.strategyType === 'RATE_LIMITING') out.strategyType = 1;
  if (r.probabilisticSampling) out.probabilisticSampling = dropZeros(r.probabilisticSampling);
  if (r.rateLimitingSampling) out.rateLimitingSampling = dropZeros(r.rateLimitingSampling);
  if (r.operationSampling) out.operationSampling = dropZeros(r.operationSampling);
  return out;
}
const dropZeros = (o: object) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== 0));

describe('resolving a strategies file as Jaeger does', () => {
  it('probabilistic and rate limiting services; unknown services get the default strategy (strategies.json)', () => {
    const doc = load('strategies.json');
    expect(encoded(doc, 'foo')).toBe(
      '{"strategyType":"PROBABILISTIC","probabilisticSampling":{"samplingRate":0.8}}',
    );
    expect(encoded(doc, 'bar')).toBe(
      '{"strategyType":"RATE_LIMITING","rateLimitingSampling":{"maxTracesPerSecond":5}}',
    );
    expect(encoded(doc, 'unknown')).toBe(
      '{"strategyType":"PROBABILISTIC","probabilisticSampling":{"samplingRate":0.5}}',
    );
    expect(encoded(doc, '')).toBe(
      '{"strategyType":"PROBABILISTIC","probabilisticSampling":{"samplingRate":0.5}}',
    );
  });

  it('without a file every service gets default_sampling_probability', () => {
    const empty: StrategiesDocument = { service_strategies: [] };
    expect(encoded(empty, 'any', 1)).toBe(
      '{"strategyType":"PROBABILISTIC","probabilisticSampling":{"samplingRate":1}}',
    );
    expect(encoded(empty, 'any')).toBe(
      '{"strategyType":"PROBABILISTIC","probabilisticSampling":{"samplingRate":0.001}}',
    );
  });

  it('truncates rate limits to an int32, as Go does (cmd/jaeger/sampling-strategies.json)', () => {
    const doc = load('cmd-jaeger-sampling-strategies.json');
    expect(encoded(doc, 'bar')).toBe(
      '{"strategyType":"RATE_LIMITING","rateLimitingSampling":{"maxTracesPerSecond":0}}',
    );
    expect(encoded(doc, 'foo')).toBe(
      '{"strategyType":"PROBABILISTIC","probabilisticSampling":{"samplingRate":0.8}}',
    );
  });

  for (const service of ['ServiceA', 'ServiceB']) {
    it(`matches Jaeger's snapshot TestServiceNoPerOperationStrategies_${service}`, () => {
      const doc = load('service_no_per_operation.json');
      const resolved = strategyFor(resolveStrategies(doc, 0), service);
      expect(goJsonForm(resolved)).toEqual(fixture(`TestServiceNoPerOperationStrategies_${service}.json`));
    });
  }

  it('does not reproduce the deprecated behaviour (rate limiting services without the default operations)', () => {
    const doc = load('service_no_per_operation.json');
    const b = strategyFor(resolveStrategies(doc, 0), 'ServiceB');
    expect(goJsonForm(b)).not.toEqual(
      fixture('TestServiceNoPerOperationStrategiesDeprecatedBehavior_ServiceB.json'),
    );
    const a = strategyFor(resolveStrategies(doc, 0), 'ServiceA');
    expect(goJsonForm(a)).toEqual(
      fixture('TestServiceNoPerOperationStrategiesDeprecatedBehavior_ServiceA.json'),
    );
  });

  it('merges per-operation strategies: own entries first, then the default ones it lacks (operation_strategies.json)', () => {
    const doc = load('operation_strategies.json');
    expect(JSON.parse(encoded(doc, 'foo'))).toEqual({
      strategyType: 'PROBABILISTIC',
      probabilisticSampling: { samplingRate: 0.8 },
      operationSampling: {
        defaultSamplingProbability: 0.8,
        defaultLowerBoundTracesPerSecond: 0,
        // op2 (rate limiting) is dropped; op6 keeps the service's 0.5 over the default's 0.
        perOperationStrategies: [
          { operation: 'op6', probabilisticSampling: { samplingRate: 0.5 } },
          { operation: 'op1', probabilisticSampling: { samplingRate: 0.2 } },
          { operation: 'op0', probabilisticSampling: { samplingRate: 0.2 } },
          { operation: 'op7', probabilisticSampling: { samplingRate: 1 } },
        ],
        defaultUpperBoundTracesPerSecond: 0,
      },
    });
    // A rate limiting service's operations default to default_sampling_probability.
    const bar = JSON.parse(encoded(doc, 'bar')) as SamplingStrategyResponse;
    expect(bar.rateLimitingSampling).toEqual({ maxTracesPerSecond: 5 });
    expect(bar.operationSampling?.defaultSamplingProbability).toBe(JAEGER_DEFAULT);
    expect(bar.operationSampling?.perOperationStrategies.map((o) => o.operation)).toEqual([
      'op3',
      'op5',
      'op0',
      'op6',
      'op7',
    ]);
  });

  it('encodes the default strategy with its operations exactly, field order included', () => {
    expect(encoded(load('operation_strategies.json'), 'other')).toBe(
      '{"strategyType":"PROBABILISTIC","probabilisticSampling":{"samplingRate":0.5},' +
        '"operationSampling":{"defaultSamplingProbability":0.5,"defaultLowerBoundTracesPerSecond":0,' +
        '"perOperationStrategies":[{"operation":"op0","probabilisticSampling":{"samplingRate":0.2}},' +
        '{"operation":"op6","probabilisticSampling":{"samplingRate":0}},' +
        '{"operation":"op7","probabilisticSampling":{"samplingRate":1}}],' +
        '"defaultUpperBoundTracesPerSecond":0}}',
    );
  });

  it('gives services without a type the default probability (missing-service-types.json)', () => {
    const doc = load('missing-service-types.json');
    expect(JSON.parse(encoded(doc, 'foo'))).toMatchObject({
      strategyType: 'PROBABILISTIC',
      probabilisticSampling: { samplingRate: JAEGER_DEFAULT },
      operationSampling: {
        defaultSamplingProbability: JAEGER_DEFAULT,
        perOperationStrategies: [{ operation: 'op1', probabilisticSampling: { samplingRate: 0.2 } }],
      },
    });
    expect(encoded(doc, 'default')).toBe(
      '{"strategyType":"PROBABILISTIC","probabilisticSampling":{"samplingRate":0.5}}',
    );
  });

  it('copies the default operations to services with none, with their own probability (example file)', () => {
    const doc = load('cmd-jaeger-sampling_strategies_example.json');
    const bar = JSON.parse(encoded(doc, 'bar')) as SamplingStrategyResponse;
    expect(bar.strategyType).toBe('RATE_LIMITING');
    expect(bar.operationSampling?.defaultSamplingProbability).toBe(0.5);
    expect(bar.operationSampling?.perOperationStrategies.map((o) => o.operation)).toEqual([
      '/health',
      '/metrics',
    ]);
    const foo = JSON.parse(encoded(doc, 'foo')) as SamplingStrategyResponse;
    expect(foo.operationSampling?.defaultSamplingProbability).toBe(0.8);
    expect(foo.operationSampling?.perOperationStrategies.map((o) => o.operation)).toEqual([
      'op1',
      'op2',
      '/health',
      '/metrics',
    ]);
  });

  it('formats doubles as Go does, tiny ones with an exponent', () => {
    const doc: StrategiesDocument = {
      service_strategies: [{ service: 's', type: 'probabilistic', param: 0.0000001 }],
    };
    expect(encoded(doc, 's')).toBe(
      '{"strategyType":"PROBABILISTIC","probabilisticSampling":{"samplingRate":1e-7}}',
    );
  });
});

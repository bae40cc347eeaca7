import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { documentJson, parseServiceStrategy, parseStrategiesDocument } from './strategies';

const testdata = new URL('./testdata/', import.meta.url);
const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(name, testdata), 'utf8'));

const problemsOf = (json: unknown) => {
  const parsed = parseStrategiesDocument(json);
  return parsed.ok ? [] : parsed.problems;
};

describe('parsing a strategies file', () => {
  const strategyFiles = readdirSync(testdata).filter(
    (f) => !f.startsWith('Test') && f !== 'bad_strategies.json',
  );

  for (const name of strategyFiles) {
    it(`accepts Jaeger's ${name}`, () => {
      const parsed = parseStrategiesDocument(fixture(name));
      expect(parsed.ok).toBe(true);
    });
  }

  it("refuses Jaeger's bad_strategies.json and names the problem", () => {
    expect(problemsOf(fixture('bad_strategies.json'))).toEqual([
      'strategies must be a JSON object with default_strategy and service_strategies, got the text "nonsense"',
    ]);
  });

  it('treats null as no strategies', () => {
    const parsed = parseStrategiesDocument(null);
    expect(parsed).toEqual({ ok: true, value: { service_strategies: [] }, warnings: [] });
  });

  it('names the path of every problem', () => {
    const problems = problemsOf({
      default_strategy: { type: 'probabilistic', param: '0.5' },
      service_strategies: [
        { service: 'a', type: 'probabilistic', param: 0.5 },
        { service: 'b', type: 'ratelimiting', param: -1 },
        { service: 'c', type: 'probabilistic', param: 1.5 },
        { service: 'a', type: 'probabalistic', param: 0.5 },
        { type: 'probabilistic', param: 0.5 },
        'd',
        { service: 'e', param: 0.5, operation_strategy: [] },
        {
          service: 'f',
          type: 'probabilistic',
          param: 1,
          operation_strategies: [
            { operation: 'x', type: 'probabilistic', param: 2 },
            { operation: 'x', type: 'probabilistic', param: 0 },
            { type: 'probabilistic', param: 0 },
          ],
        },
      ],
      extra: true,
    });
    expect(problems).toEqual([
      'extra: unknown field; expected default_strategy, service_strategies',
      'default_strategy.param: must be a number, got the text "0.5"',
      'service_strategies[1].param: max traces per second must be between 0 and 2147483647, got -1',
      'service_strategies[2].param: probability must be between 0 and 1, got 1.5',
      'service_strategies[3].type: must be "probabilistic" or "ratelimiting", got the text "probabalistic"',
      'service_strategies[3].service: "a" is already defined at service_strategies[0]',
      'service_strategies[4].service: must be a non-empty service name',
      'service_strategies[5]: must be an object, got the text "d"',
      'service_strategies[6].operation_strategy: unknown field; expected service, type, param, operation_strategies',
      'service_strategies[6].type: missing; a param needs a type ("probabilistic" or "ratelimiting")',
      'service_strategies[7].operation_strategies[0].param: probability must be between 0 and 1, got 2',
      'service_strategies[7].operation_strategies[1].operation: "x" is already defined at service_strategies[7].operation_strategies[0]',
      'service_strategies[7].operation_strategies[2].operation: must be a non-empty operation name',
    ]);
  });

  it('warns about what Jaeger silently ignores or truncates', () => {
    const parsed = parseStrategiesDocument(fixture('operation_strategies.json'));
    expect(parsed.ok && parsed.warnings).toEqual([
      'default_strategy.operation_strategies[2]: rate limiting is not supported per operation; Jaeger ignores this entry',
      'service_strategies[0].operation_strategies[2]: rate limiting is not supported per operation; Jaeger ignores this entry',
      'service_strategies[1].operation_strategies[1]: rate limiting is not supported per operation; Jaeger ignores this entry',
    ]);
    const truncated = parseStrategiesDocument(fixture('cmd-jaeger-sampling-strategies.json'));
    expect(truncated.ok && truncated.warnings).toEqual([
      'service_strategies[1].param: 0.9 traces per second is truncated to 0',
    ]);
  });

  it('writes a document back in the same shape it was read', () => {
    const json = fixture('cmd-jaeger-sampling_strategies_example.json') as Record<string, unknown>;
    const parsed = parseStrategiesDocument(json);
    if (!parsed.ok) throw new Error('expected ok');
    const out = documentJson(parsed.value);
    expect(Object.keys(out)).toEqual(['default_strategy', 'service_strategies']);
    expect(out).toEqual({
      default_strategy: json.default_strategy,
      service_strategies: json.service_strategies,
    });
  });
});

describe('parsing one service strategy (PUT /api/sampling/strategies/{service})', () => {
  it('takes the service from the URL', () => {
    expect(parseServiceStrategy({ type: 'ratelimiting', param: 3 }, 'frontend')).toEqual({
      ok: true,
      value: { service: 'frontend', type: 'ratelimiting', param: 3 },
      warnings: [],
    });
  });

  it('refuses a body naming another service, and reports paths relative to the entry', () => {
    const parsed = parseServiceStrategy(
      {
        service: 'other',
        type: 'probabilistic',
        param: 0.5,
        operation_strategies: [{ operation: 'a', type: 'probabilistic', param: -0.1 }],
      },
      'frontend',
    );
    expect(parsed.ok ? [] : parsed.problems).toEqual([
      'service: "other" does not match the service in the URL, "frontend"',
      'operation_strategies[0].param: probability must be between 0 and 1, got -0.1',
    ]);
  });

  it('refuses a body that is not an object', () => {
    const parsed = parseServiceStrategy([1], 'frontend');
    expect(parsed.ok ? [] : parsed.problems).toEqual(['must be an object, got a list']);
  });
});

/**
 * Jaeger's sampling strategies file (`internal/sampling/samplingstrategy/file`): the model and a
 * validating parser. Jaeger itself accepts almost anything (a typo'd type silently becomes the
 * default, a probability of 7 is passed on to every SDK); here every problem is reported with the
 * path of the offending field, because the same parser guards the edit API and hot reloads, and a
 * rejected document must leave the strategies in force untouched.
 *
 * Two lenient cases are kept because Jaeger's own example files rely on them: a strategy without a
 * `type` (meaning "the default probability") and rate-limiting operation strategies (ignored by
 * Jaeger with a warning; reported here as warnings too).
 *
 * Pure (no Node imports): the UI's MSW mocks (mocks/sampling.ts) run it too.
 */

export type StrategyType = 'probabilistic' | 'ratelimiting';

/** A strategy as written in the file. No `type` means Jaeger's default probabilistic strategy. */
export interface Strategy {
  type?: StrategyType;
  param?: number;
}

export interface OperationStrategy extends Strategy {
  operation: string;
}

export interface DefaultStrategy extends Strategy {
  operation_strategies?: OperationStrategy[];
}

export interface ServiceStrategy extends DefaultStrategy {
  service: string;
}

export interface StrategiesDocument {
  default_strategy?: DefaultStrategy;
  service_strategies: ServiceStrategy[];
}

export const emptyDocument = (): StrategiesDocument => ({ service_strategies: [] });

/** The parsed value, or every problem found; warnings are things Jaeger would silently ignore. */
export type ParseResult<T> = { ok: true; value: T; warnings: string[] } | { ok: false; problems: string[] };

/** Strategies are int32 traces per second on the wire (`maxTracesPerSecond`). */
const MAX_INT32 = 2 ** 31 - 1;

class Problems {
  readonly problems: string[] = [];
  readonly warnings: string[] = [];
  add(path: string, message: string): void {
    this.problems.push(path ? `${path}: ${message}` : message);
  }
  warn(path: string, message: string): void {
    this.warnings.push(path ? `${path}: ${message}` : message);
  }
  result<T>(value: T): ParseResult<T> {
    return this.problems.length > 0
      ? { ok: false, problems: this.problems }
      : { ok: true, value, warnings: this.warnings };
  }
}

const join = (base: string, key: string) => (base ? `${base}.${key}` : key);

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the text ${JSON.stringify(value)}`;
  return `${typeof value === 'object' ? 'an' : 'a'} ${typeof value}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Unknown keys are refused: a misspelt `operation_strategy` must not be silently dropped. */
function checkKeys(
  obj: Record<string, unknown>,
  allowed: readonly string[],
  path: string,
  p: Problems,
): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) {
      p.add(join(path, key), `unknown field; expected ${allowed.join(', ')}`);
    }
  }
}

function parseStrategy(obj: Record<string, unknown>, path: string, p: Problems): Strategy {
  const out: Strategy = {};
  const { type, param } = obj;
  if (type !== undefined && type !== 'probabilistic' && type !== 'ratelimiting') {
    p.add(join(path, 'type'), `must be "probabilistic" or "ratelimiting", got ${describe(type)}`);
    return out;
  }
  if (type === undefined) {
    if (param !== undefined) {
      p.add(join(path, 'type'), 'missing; a param needs a type ("probabilistic" or "ratelimiting")');
    }
    return out;
  }
  out.type = type;
  const where = join(path, 'param');
  if (typeof param !== 'number' || !Number.isFinite(param)) {
    p.add(where, `must be a number, got ${param === undefined ? 'nothing' : describe(param)}`);
    return out;
  }
  if (type === 'probabilistic' && !(param >= 0 && param <= 1)) {
    p.add(where, `probability must be between 0 and 1, got ${param}`);
  } else if (type === 'ratelimiting' && !(param >= 0 && param <= MAX_INT32)) {
    p.add(where, `max traces per second must be between 0 and ${MAX_INT32}, got ${param}`);
  } else if (type === 'ratelimiting' && !Number.isInteger(param)) {
    // Jaeger truncates with int32(param): 0.9 traces/s becomes 0, which nobody means.
    p.warn(where, `${param} traces per second is truncated to ${Math.trunc(param)}`);
  }
  out.param = param;
  return out;
}

function parseOperations(value: unknown, path: string, p: Problems): OperationStrategy[] {
  if (!Array.isArray(value)) {
    p.add(path, `must be a list, got ${describe(value)}`);
    return [];
  }
  const seen = new Map<string, number>();
  const out: OperationStrategy[] = [];
  value.forEach((item: unknown, i) => {
    const at = `${path}[${i}]`;
    if (!isObject(item)) return p.add(at, `must be an object, got ${describe(item)}`);
    checkKeys(item, ['operation', 'type', 'param'], at, p);
    const { operation } = item;
    if (typeof operation !== 'string' || operation === '') {
      return p.add(join(at, 'operation'), 'must be a non-empty operation name');
    }
    const first = seen.get(operation);
    if (first !== undefined) {
      p.add(join(at, 'operation'), `${JSON.stringify(operation)} is already defined at ${path}[${first}]`);
    }
    seen.set(operation, i);
    const strategy = parseStrategy(item, at, p);
    if (strategy.type === 'ratelimiting') {
      p.warn(at, 'rate limiting is not supported per operation; Jaeger ignores this entry');
    }
    out.push({ operation, ...strategy });
  });
  return out;
}

function parseDefaultLike(
  obj: Record<string, unknown>,
  path: string,
  p: Problems,
  extraKeys: readonly string[],
): DefaultStrategy {
  checkKeys(obj, [...extraKeys, 'type', 'param', 'operation_strategies'], path, p);
  const out: DefaultStrategy = parseStrategy(obj, path, p);
  if (obj.operation_strategies !== undefined && obj.operation_strategies !== null) {
    const ops = parseOperations(obj.operation_strategies, join(path, 'operation_strategies'), p);
    if (ops.length > 0) out.operation_strategies = ops;
  }
  return out;
}

/** One `service_strategies` entry; `path` prefixes the messages ('' for the per-service API). */
function parseService(value: unknown, path: string, p: Problems): ServiceStrategy | undefined {
  if (!isObject(value)) {
    p.add(path, `must be an object, got ${describe(value)}`);
    return undefined;
  }
  const { service } = value;
  if (typeof service !== 'string' || service === '') {
    p.add(join(path, 'service'), 'must be a non-empty service name');
  }
  const strategy = parseDefaultLike(value, path, p, ['service']);
  return typeof service === 'string' ? { service, ...strategy } : undefined;
}

/** Parses a whole strategies file. JSON `null` is "no strategies", as Jaeger treats it. */
export function parseStrategiesDocument(json: unknown): ParseResult<StrategiesDocument> {
  const p = new Problems();
  if (json === null) return p.result(emptyDocument());
  if (!isObject(json)) {
    p.add(
      '',
      `strategies must be a JSON object with default_strategy and service_strategies, got ${describe(json)}`,
    );
    return p.result(emptyDocument());
  }
  checkKeys(json, ['default_strategy', 'service_strategies'], '', p);
  const doc = emptyDocument();
  if (json.default_strategy !== undefined && json.default_strategy !== null) {
    if (isObject(json.default_strategy)) {
      doc.default_strategy = parseDefaultLike(json.default_strategy, 'default_strategy', p, []);
    } else p.add('default_strategy', `must be an object, got ${describe(json.default_strategy)}`);
  }
  const services = json.service_strategies;
  if (services !== undefined && services !== null) {
    if (!Array.isArray(services)) {
      p.add('service_strategies', `must be a list, got ${describe(services)}`);
    } else {
      const seen = new Map<string, number>();
      services.forEach((item: unknown, i) => {
        const at = `service_strategies[${i}]`;
        const parsed = parseService(item, at, p);
        if (!parsed) return;
        const first = seen.get(parsed.service);
        if (first !== undefined) {
          p.add(
            join(at, 'service'),
            `${JSON.stringify(parsed.service)} is already defined at service_strategies[${first}]`,
          );
        }
        seen.set(parsed.service, i);
        doc.service_strategies.push(parsed);
      });
    }
  }
  return p.result(doc);
}

/**
 * Parses the body of `PUT /api/sampling/strategies/{service}`: one `service_strategies` entry,
 * whose `service`, when present, must name the same service as the URL.
 */
export function parseServiceStrategy(json: unknown, service: string): ParseResult<ServiceStrategy> {
  const p = new Problems();
  if (service === '') p.add('service', 'must be a non-empty service name');
  if (isObject(json) && json.service !== undefined && json.service !== service) {
    p.add(
      'service',
      `${JSON.stringify(json.service)} does not match the service in the URL, ${JSON.stringify(service)}`,
    );
  }
  const parsed = parseService(isObject(json) ? { ...json, service } : json, '', p);
  return p.result(parsed ?? { service });
}

/** The document in Jaeger's key order, ready for a file or a response. */
export function documentJson(doc: StrategiesDocument): StrategiesDocument {
  const out: StrategiesDocument = { service_strategies: [] };
  const copy = <T extends DefaultStrategy>(s: T): T => {
    const c = { ...s };
    if (c.operation_strategies) c.operation_strategies = c.operation_strategies.map((o) => ({ ...o }));
    return c;
  };
  if (doc.default_strategy) out.default_strategy = copy(doc.default_strategy);
  out.service_strategies = doc.service_strategies.map(copy);
  // Key order: default first, as in Jaeger's examples.
  return doc.default_strategy
    ? { default_strategy: out.default_strategy, service_strategies: out.service_strategies }
    : out;
}

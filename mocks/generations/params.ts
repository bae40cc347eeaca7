/** Query-parameter parsing with the error messages Jaeger's Go code produces. */
import { DurationError, parseGoDuration } from '../../src/core/time/goDuration';
import { parseRfc3339Nano, TimeParseError } from '../../src/core/time/rfc3339';
import { ParamError } from './wire';

export function int64Param(query: URLSearchParams, name: string, label = `unable to parse param '${name}'`) {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  if (!/^[+-]?\d+$/.test(raw)) {
    throw new ParamError(400, `${label}: strconv.ParseInt: parsing ${JSON.stringify(raw)}: invalid syntax`);
  }
  return BigInt(raw);
}

export function durationParam(raw: string | null, label: string): bigint | undefined {
  if (raw === null || raw === '') return undefined;
  try {
    return parseGoDuration(raw);
  } catch (error) {
    if (error instanceof DurationError) throw new ParamError(400, `${label}: ${error.message}`);
    throw error;
  }
}

export function timeParam(raw: string, name: string): bigint {
  try {
    return parseRfc3339Nano(raw);
  } catch (error) {
    if (error instanceof TimeParseError)
      throw new ParamError(400, `malformed parameter ${name}: ${error.message}`);
    throw error;
  }
}

/** A `map[string]string` in JSON, as both APIs require for tags / attributes. */
export function stringMapParam(raw: string, label: string): Map<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    throw new ParamError(400, `${label}: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ParamError(
      400,
      `${label}: json: cannot unmarshal ${Array.isArray(parsed) ? 'array' : typeof parsed} into Go value of type map[string]string`,
    );
  }
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(parsed)) {
    if (typeof v !== 'string') {
      throw new ParamError(400, `${label}: json: cannot unmarshal ${typeof v} into Go value of type string`);
    }
    out.set(k, v);
  }
  return out;
}

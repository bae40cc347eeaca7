/**
 * Jaeger UI's `linkPatterns`: attribute values (and traces) turned into links to other tools, e.g.
 * `{"type":"process","key":"jaeger.version","url":"https://…/tag/#{jaeger.version}","text":"…"}`.
 * Templates use `#{name}` with optional formatters (`#{startTime | epoch_micros_to_date_iso}`,
 * `| pad_start 32 0`, `| add 1000000`); values are URL-encoded in `url`, verbatim in `text`.
 * A link is produced only when every parameter has a value, and gets an href only if the final URL
 * is http or https: a `javascript:` or `data:` URL from a config file never reaches an href (the
 * pattern's text is then shown as plain text); values are URL-encoded, so they cannot change it.
 */
import { attributeValueToString, type Attribute } from '../../core/model/attributes';
import { jaegerTraceId } from '../../core/model/ids';
import { type ConfigReader, isRecord } from './configReader';

/** What a pattern applies to, in OpenTelemetry terms (Jaeger's tags/process/logs are aliases). */
export type LinkPatternTarget = 'attributes' | 'resource' | 'events' | 'traces';

const TARGETS: Readonly<Record<string, LinkPatternTarget>> = {
  attributes: 'attributes',
  tags: 'attributes',
  resource: 'resource',
  process: 'resource',
  events: 'events',
  logs: 'events',
  traces: 'traces',
};

type ParameterValue = string | number | boolean;
type Formatter = (value: ParameterValue) => ParameterValue;

type TemplatePart = string | { readonly name: string; readonly format: readonly Formatter[] };

export interface LinkTemplate {
  readonly parts: readonly TemplatePart[];
  readonly parameters: readonly string[];
}

export interface LinkPattern {
  readonly targets: ReadonlySet<LinkPatternTarget>;
  /** Attribute keys the pattern applies to; null = every key. */
  readonly keys: ReadonlySet<string> | null;
  /** Attribute values (as text) the pattern applies to; null = every value. */
  readonly values: ReadonlySet<string> | null;
  readonly url: LinkTemplate;
  readonly text: LinkTemplate;
}

export interface RenderedLink {
  /** Absolute http(s) URL; null when the pattern's URL was anything else: shown as text only. */
  readonly url: string | null;
  readonly text: string;
}

const PARAMETER = /#\{([^{}]*)\}/g;

const formatters: Readonly<Record<string, (args: string[]) => Formatter | string>> = {
  epoch_micros_to_date_iso: () => (v) => (typeof v === 'number' ? new Date(v / 1000).toISOString() : v),
  pad_start: ([length, pad]) => {
    const n = Number(length);
    if (!Number.isInteger(n) || n < 0) return 'pad_start needs a length, e.g. "| pad_start 32 0"';
    return (v) => (typeof v === 'string' ? v.padStart(n, pad ?? ' ') : v);
  },
  add: ([offset]) => {
    const n = Number(offset);
    if (!Number.isFinite(n)) return 'add needs a number, e.g. "| add 1000000"';
    return (v) => (typeof v === 'number' ? v + n : v);
  },
};

/** Parses a template, or returns what is wrong with it. */
export function parseLinkTemplate(source: string): LinkTemplate | string {
  const parts: TemplatePart[] = [];
  const parameters = new Set<string>();
  let last = 0;
  for (const match of source.matchAll(PARAMETER)) {
    if (match.index > last) parts.push(source.slice(last, match.index));
    last = match.index + match[0].length;
    const [name, ...pipes] = match[1].split('|').map((p) => p.trim());
    if (!name) return `"${match[0]}" names no parameter`;
    const format: Formatter[] = [];
    for (const pipe of pipes) {
      const [fn, ...args] = pipe.split(/\s+/);
      const make = formatters[fn];
      if (!make) return `unknown formatter "${fn}" (known: ${Object.keys(formatters).join(', ')})`;
      const made = make(args);
      if (typeof made === 'string') return made;
      format.push(made);
    }
    parts.push({ name, format });
    parameters.add(name);
  }
  if (last < source.length) parts.push(source.slice(last));
  return { parts, parameters: [...parameters] };
}

function stringSet(value: unknown): ReadonlySet<string> | null | undefined {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return new Set([value]);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return new Set(value);
  return undefined;
}

/** One entry of `linkPatterns`, or null (reported) when it cannot be used. */
export function parseLinkPattern(raw: unknown, path: string, reader: ConfigReader): LinkPattern | null {
  if (!isRecord(raw)) {
    reader.invalid(path, raw, 'an object with type, url and text');
    return null;
  }
  const types: unknown = typeof raw.type === 'string' ? [raw.type] : raw.type;
  const known = (t: unknown): t is string => typeof t === 'string' && Object.hasOwn(TARGETS, t);
  if (!Array.isArray(types) || types.length === 0 || !types.every(known)) {
    reader.invalid(`${path}.type`, raw.type, `one of ${Object.keys(TARGETS).join(', ')}`);
    return null;
  }
  const targets = new Set(types.map((t) => TARGETS[t]));
  const keys = stringSet(raw.key);
  const values = stringSet(raw.value);
  if (keys === undefined || values === undefined) {
    const field = keys === undefined ? 'key' : 'value';
    reader.invalid(`${path}.${field}`, raw[field], 'a string or a list of strings');
    return null;
  }
  const templates: LinkTemplate[] = [];
  for (const field of ['url', 'text'] as const) {
    const source = raw[field];
    const parsed = typeof source === 'string' ? parseLinkTemplate(source) : 'expected a string';
    if (typeof parsed === 'string') {
      reader.problems.push(`${path}.${field}: ${parsed}; the pattern is ignored`);
      return null;
    }
    templates.push(parsed);
  }
  return { targets, keys, values, url: templates[0], text: templates[1] };
}

/** Only http and https survive; relative URLs resolve against the app's base first. */
export function safeLinkUrl(raw: string, baseURI: string): string | null {
  let url: URL;
  try {
    url = new URL(raw, baseURI);
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
}

/** Trace-level values, as Jaeger names them (times and durations in microseconds). */
export interface TraceLinkValues {
  traceID: string;
  traceName: string;
  startTime: number;
  endTime: number;
  duration: number;
}

/** One span's attribute lists, as a span-level pattern may read them. */
export interface SpanAttributeLists {
  attributes: readonly Attribute[];
  resourceAttributes: readonly Attribute[];
}

/** What a span-level pattern may draw its parameters from. */
export interface SpanLinkScope {
  trace: TraceLinkValues;
  span: SpanAttributeLists & {
    spanID: string;
    operationName: string;
    startTime: number;
    duration: number;
  };
  /**
   * The span's ancestors, parent first, as far as they are known (Jaeger UI looks a missing
   * parameter up the whole chain; they arrive after the span itself, so this may grow).
   */
  ancestors: readonly SpanAttributeLists[];
}

function plainValue(attribute: Attribute): ParameterValue {
  if (attribute.type === 'int64') {
    const n = Number(attribute.value);
    return Number.isSafeInteger(n) ? n : attribute.value.toString();
  }
  if (attribute.type === 'float64' || attribute.type === 'bool') return attribute.value;
  return attributeValueToString(attribute);
}

function fill(template: LinkTemplate, values: ReadonlyMap<string, ParameterValue>, encode: boolean): string {
  return template.parts
    .map((part) => {
      if (typeof part === 'string') return part;
      const raw = values.get(part.name);
      if (raw === undefined) return '';
      const text = String(part.format.reduce((v, f) => f(v), raw));
      return encode ? encodeURIComponent(text) : text;
    })
    .join('');
}

type Lookup = (name: string) => ParameterValue | undefined;

/** The link (its URL null when not http(s)), or the names of the parameters that had no value. */
function render(pattern: LinkPattern, lookup: Lookup, baseURI: string): RenderedLink | { missing: string[] } {
  const values = new Map<string, ParameterValue>();
  const missing: string[] = [];
  for (const name of new Set([...pattern.url.parameters, ...pattern.text.parameters])) {
    const value = lookup(name);
    if (value === undefined) missing.push(name);
    else values.set(name, value);
  }
  if (missing.length > 0) return { missing };
  return {
    url: safeLinkUrl(fill(pattern.url, values, true), baseURI),
    text: fill(pattern.text, values, false),
  };
}

/** A trace value by its Jaeger name, bare (`traceID`) or prefixed (`trace.traceID`). */
function traceValue(name: string, trace: TraceLinkValues): ParameterValue | undefined {
  const key = name.startsWith('trace.') ? name.slice('trace.'.length) : name;
  return Object.hasOwn(trace, key) ? trace[key as keyof TraceLinkValues] : undefined;
}

const find = (list: readonly Attribute[], key: string) => {
  const found = list.find((a) => a.key === key);
  return found && plainValue(found);
};

const SPAN_FIELDS = new Set(['spanID', 'operationName', 'startTime', 'duration']);

/** Where an item sits: span attributes, the resource, or the attributes of one of the span's events. */
export type SpanItemTarget = Exclude<LinkPatternTarget, 'traces'>;

/**
 * How a parameter of a span-level pattern is found, in Jaeger UI's order: `trace.<name>` reads
 * the trace; otherwise the list the item belongs to; then (not for resource attributes, which
 * Jaeger keeps to themselves) the span's own fields (`spanID`, `operationName`, `startTime`,
 * `duration`), its attributes and resource, and those of each ancestor, parent first; last the
 * trace's values by their bare names (`traceID`, `traceName`, …).
 */
function spanLookup(target: SpanItemTarget, items: readonly Attribute[], scope: SpanLinkScope): Lookup {
  return (name) => {
    if (name.startsWith('trace.')) return traceValue(name, scope.trace);
    const own = find(items, name);
    if (own !== undefined) return own;
    if (target !== 'resource') {
      const { span } = scope;
      if (SPAN_FIELDS.has(name)) return span[name as 'spanID' | 'operationName' | 'startTime' | 'duration'];
      for (const lists of [span, ...scope.ancestors]) {
        const found = find(lists.attributes, name) ?? find(lists.resourceAttributes, name);
        if (found !== undefined) return found;
      }
    }
    return traceValue(name, scope.trace);
  };
}

function applies(pattern: LinkPattern, target: LinkPatternTarget, item: Attribute): boolean {
  return (
    pattern.targets.has(target) &&
    (!pattern.keys || pattern.keys.has(item.key)) &&
    (!pattern.values || pattern.values.has(attributeValueToString(item)))
  );
}

/**
 * Links for one attribute of a span, of its resource, or of one of its events (Jaeger's tags,
 * process and logs), from every pattern of that type whose key and value match.
 */
export function attributeLinks(
  patterns: readonly LinkPattern[],
  target: SpanItemTarget,
  item: Attribute,
  items: readonly Attribute[],
  scope: SpanLinkScope,
  baseURI: string = document.baseURI,
): RenderedLink[] {
  const lookup = spanLookup(target, items, scope);
  const links: RenderedLink[] = [];
  for (const p of patterns) {
    if (!applies(p, target, item)) continue;
    const link = render(p, lookup, baseURI);
    if ('url' in link) links.push(link);
  }
  return links;
}

/**
 * Whether some pattern that applies to these items lacks a parameter that an ancestor might
 * hold: the page then fetches the ancestors (they live in the trace worker) and renders again.
 */
export function needsAncestors(
  patterns: readonly LinkPattern[],
  target: SpanItemTarget,
  items: readonly Attribute[],
  scope: SpanLinkScope,
): boolean {
  if (target === 'resource') return false;
  const lookup = spanLookup(target, items, scope);
  return items.some((item) =>
    patterns.some((p) => {
      if (!applies(p, target, item)) return false;
      return 'missing' in render(p, lookup, 'http://localhost/');
    }),
  );
}

/** Links for a whole trace (`"type": "traces"`), shown in the trace header. */
export function traceLinks(
  patterns: readonly LinkPattern[],
  trace: TraceLinkValues,
  baseURI: string = document.baseURI,
): RenderedLink[] {
  const links: RenderedLink[] = [];
  for (const p of patterns) {
    if (!p.targets.has('traces')) continue;
    const link = render(p, (name) => traceValue(name, trace), baseURI);
    if ('url' in link) links.push(link);
  }
  return links;
}

/** The scope of a span's links, from the model span and its trace's values. */
export function spanLinkScope(
  span: { spanId: string; name: string; startTimeUnixNano: bigint; endTimeUnixNano: bigint } & {
    attributes: readonly Attribute[];
    resource: { attributes: readonly Attribute[] };
  },
  trace: TraceLinkValues,
  ancestors: readonly SpanAttributeLists[] = [],
): SpanLinkScope {
  return {
    trace,
    ancestors,
    span: {
      spanID: span.spanId,
      operationName: span.name,
      startTime: Number(span.startTimeUnixNano / 1000n),
      duration: Number((span.endTimeUnixNano - span.startTimeUnixNano) / 1000n),
      attributes: span.attributes,
      resourceAttributes: span.resource.attributes,
    },
  };
}

/** A trace's link values from its summary (times in epoch µs, as Jaeger UI has them). */
export function traceLinkValues(
  summary: { traceId: string; startUs: number; durationUs: number },
  traceName: string,
): TraceLinkValues {
  return {
    traceID: jaegerTraceId(summary.traceId),
    traceName,
    startTime: summary.startUs,
    endTime: summary.startUs + summary.durationUs,
    duration: summary.durationUs,
  };
}

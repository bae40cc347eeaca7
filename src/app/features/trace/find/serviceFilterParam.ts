/**
 * The service filter in the URL, in Jaeger UI's `svcFilter` format so that links between the two
 * keep working: `<checksum>.<bitmask>`, both hex. The bitmask has bit i set when the i-th service
 * name (sorted by UTF-16 code units) is shown; the checksum, a 16-bit hash of the sorted names
 * joined by NUL, tells a link made for another set of services, which is then ignored.
 */
export const SERVICE_FILTER_PARAM = 'svcFilter';

function sortedNames(services: readonly string[]): string[] {
  return [...services].sort();
}

/** 16-bit multiplicative hash of the names, as hex without leading zeros. */
export function serviceListChecksum(sorted: readonly string[]): string {
  const text = sorted.join('\u0000');
  let hash = 0x811c;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x0101) & 0xffff;
  return hash.toString(16);
}

/** The parameter for these hidden services (indexes into `services`); null when none is hidden. */
export function encodeServiceFilter(services: readonly string[], hidden: readonly number[]): string | null {
  if (hidden.length === 0 || services.length === 0) return null;
  const hiddenNames = new Set(hidden.map((i) => services[i]));
  const sorted = sortedNames(services);
  let mask = 0n;
  sorted.forEach((name, bit) => {
    if (!hiddenNames.has(name)) mask |= 1n << BigInt(bit);
  });
  return `${serviceListChecksum(sorted)}.${mask.toString(16)}`;
}

/**
 * The hidden services (indexes into `services`) a parameter asks for; null when it is malformed,
 * made for another set of services, hides nothing, or would hide every service.
 */
export function decodeServiceFilter(services: readonly string[], param: string): number[] | null {
  const match = /^([0-9a-f]+)\.([0-9a-f]+)$/i.exec(param);
  if (!match || services.length === 0) return null;
  const sorted = sortedNames(services);
  if (match[1].toLowerCase() !== serviceListChecksum(sorted)) return null;
  const mask = BigInt(`0x${match[2]}`);
  const shown = new Set(sorted.filter((_, bit) => (mask >> BigInt(bit)) & 1n));
  if (shown.size === 0 || shown.size === services.length) return null;
  const hidden: number[] = [];
  services.forEach((name, i) => {
    if (!shown.has(name)) hidden.push(i);
  });
  return hidden;
}

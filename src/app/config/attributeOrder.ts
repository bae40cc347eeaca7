/**
 * Attribute order in the span details: keys starting with one of the UI config's
 * `topTagPrefixes` first (in the order the prefixes are listed), then the rest, each group sorted
 * by key, as Jaeger UI orders tags.
 */
export function orderAttributes<T extends { key: string }>(
  attributes: readonly T[],
  topPrefixes: readonly string[],
): T[] {
  const rank = (key: string) => {
    const i = topPrefixes.findIndex((p) => key.startsWith(p));
    return i < 0 ? topPrefixes.length : i;
  };
  return [...attributes].sort(
    (a, b) => rank(a.key) - rank(b.key) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
}

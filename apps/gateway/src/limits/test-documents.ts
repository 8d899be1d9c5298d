/**
 * Fragments F0..F(n-1), each spreading the next twice: 2^(n-1) paths through a document of a few hundred bytes
 * a level. The document that made the depth rule exponential; tests of the query limits use it.
 */
export function doublingFragments(levels: number): string {
  const fragments = Array.from({ length: levels }, (_, i) =>
    i === levels - 1
      ? `fragment F${i} on __Type { name }`
      : `fragment F${i} on __Type { ofType { ...F${i + 1} ...F${i + 1} } }`,
  );
  return `{ __schema { types { ...F0 } } }\n${fragments.join('\n')}`;
}

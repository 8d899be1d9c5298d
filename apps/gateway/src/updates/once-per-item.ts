/**
 * `make` memoized on its argument's identity: a live update (or event) reaches many subscribers as one object,
 * so its GraphQL view is made once for all of them, not once per subscriber. Held weakly: the views go with it.
 */
export function oncePerItem<K extends object, V>(make: (item: K) => V): (item: K) => V {
  const made = new WeakMap<K, V>();
  return (item) => {
    if (!made.has(item)) {
      made.set(item, make(item));
    }
    return made.get(item)!;
  };
}

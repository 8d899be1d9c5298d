/**
 * A feed's listeners, those limited to some keys (container numbers, say) kept apart from the rest: an item is
 * offered to the listeners of its key and to those without keys only, so thousands of listeners that follow a few
 * containers each are not all asked about every update.
 */
export class ListenerIndex<L extends { readonly keys?: readonly string[] }> {
  private readonly unkeyed = new Set<L>();
  private readonly byKey = new Map<string, Set<L>>();
  private count = 0;

  /** Adds a listener; returns what removes it (once, however often it is called). */
  add(listener: L): () => void {
    const keys = listener.keys === undefined ? undefined : [...new Set(listener.keys)];
    if (keys === undefined) {
      this.unkeyed.add(listener);
    }
    for (const key of keys ?? []) {
      const listeners = this.byKey.get(key) ?? new Set<L>();
      this.byKey.set(key, listeners.add(listener));
    }
    this.count += 1;
    let removed = false;
    return () => {
      if (removed) {
        return;
      }
      removed = true;
      this.count -= 1;
      this.unkeyed.delete(listener);
      for (const key of keys ?? []) {
        const listeners = this.byKey.get(key)!;
        listeners.delete(listener);
        if (listeners.size === 0) {
          this.byKey.delete(key);
        }
      }
    };
  }

  /** The listeners an item with this key (or none) may concern, each once. */
  *candidates(key: string | undefined): Generator<L> {
    yield* this.unkeyed;
    if (key !== undefined) {
      yield* this.byKey.get(key) ?? [];
    }
  }

  get size(): number {
    return this.count;
  }
}

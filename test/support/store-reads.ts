import type { Connection } from 'mongoose';

const READS = ['find', 'findOne', 'aggregate', 'countDocuments', 'distinct'] as const;

/** A read a service sent through its own store connection. */
export interface StoreRead {
  readonly collection: string;
  readonly method: (typeof READS)[number];
  readonly filter: unknown;
  /** The read's options, e.g. its projection. */
  readonly options: unknown;
}

/**
 * Records the reads a running service makes on these collections through its own connection (e.g. the gateway's
 * STORE), so a test can say that a request never reached the store. Mongoose hands out one collection object per
 * name and connection, the one the service's repositories hold; its read methods are wrapped in place, the reads
 * still go to the real store. `stop` unwraps them.
 */
export function recordStoreReads(
  connection: Connection,
  names: readonly string[],
): { readonly reads: StoreRead[]; stop(): void } {
  const reads: StoreRead[] = [];
  const restore: (() => void)[] = [];
  for (const name of names) {
    const collection = connection.collection(name) as unknown as Record<string, (...args: unknown[]) => unknown>;
    for (const method of READS) {
      const original = collection[method];
      collection[method] = function (this: unknown, ...args: unknown[]) {
        reads.push({ collection: name, method, filter: args[0], options: args[1] });
        return original.apply(this, args);
      };
      restore.push(() => delete collection[method]);
    }
  }
  return { reads, stop: () => restore.forEach((undo) => undo()) };
}

import type { Connection } from 'mongoose';
import type { TimeLimit, TimeLimitTable } from '@mmt/contracts';
import { CollectionRepository, insertNew, isDuplicateKeyError } from '@mmt/store';
import { DEFAULT_TIME_LIMITS } from './time-limits';

/** `v000001`, … for each published version; `current` for the one in force. */
type TimeLimitDocument = TimeLimitTable & { readonly _id: string };

const CURRENT = 'current';
const versionId = (version: number) => `v${String(version).padStart(6, '0')}`;

export class PublishConflictError extends Error {}

/** `time_limit_tables`: every published version of the time-limit table, and the one in force. */
export class TimeLimitTablesRepository extends CollectionRepository<TimeLimitDocument> {
  constructor(connection: Connection) {
    // None but `_id`: tables are read by version.
    super(connection, 'time_limit_tables', []);
  }

  /** The table in force; the built-in version 1 is published the first time anyone asks. */
  async currentLimits(): Promise<TimeLimitTable> {
    const current = await this.collection.findOne({ _id: CURRENT });
    if (current !== null) {
      return withoutId(current);
    }
    const first: TimeLimitTable = {
      version: 1,
      publishedAt: new Date().toISOString(),
      publishedBy: 'platform',
      note: 'built-in defaults',
      limits: DEFAULT_TIME_LIMITS,
    };
    await insertNew(this.collection, [
      { _id: versionId(1), ...first },
      { _id: CURRENT, ...first },
    ]);
    return withoutId((await this.collection.findOne({ _id: CURRENT }))!);
  }

  async limitsVersion(version: number): Promise<TimeLimitTable | undefined> {
    const found = await this.collection.findOne({ _id: versionId(version) });
    return found === null ? undefined : withoutId(found);
  }

  /**
   * Publishes the next version. Its id is unique, so of two publishers racing for one version only one wins; the
   * other gets PublishConflictError and may try again on the newer table.
   */
  async publish(limits: readonly TimeLimit[], publishedBy: string, note?: string): Promise<TimeLimitTable> {
    const current = await this.currentLimits();
    const next: TimeLimitTable = {
      version: current.version + 1,
      publishedAt: new Date().toISOString(),
      publishedBy,
      ...(note === undefined ? {} : { note }),
      limits,
    };
    try {
      await this.collection.insertOne({ _id: versionId(next.version), ...next });
    } catch (error) {
      if (isDuplicateKeyError(error)) {
        throw new PublishConflictError(`version ${next.version} was published meanwhile: read the table and try again`);
      }
      throw error;
    }
    await this.collection.replaceOne({ _id: CURRENT, version: current.version }, { ...next });
    return next;
  }

  async deleteAll(): Promise<void> {
    await this.collection.deleteMany({});
  }
}

function withoutId<T extends { _id: string }>(document: T): Omit<T, '_id'> {
  const { _id, ...rest } = document;
  void _id;
  return rest;
}

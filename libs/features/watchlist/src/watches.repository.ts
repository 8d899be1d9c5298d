import type { Connection } from 'mongoose';
import { CollectionRepository, findIn } from '@mmt/store';
import { targetKey, watchId, type Follower, type WatchDocument } from './watch';

export type WatchInput = Pick<WatchDocument, 'type' | 'ref' | 'kinds' | 'etaHours' | 'language'> & {
  readonly email?: string;
};

/** `watches`: what each API key holder follows. Read by target (the alerts service) and by follower (the gateway). */
export class WatchesRepository extends CollectionRepository<WatchDocument> {
  constructor(connection: Connection) {
    super(connection, 'watches', [{ targetKey: 1 }, { 'follower.keyId': 1, createdAt: -1 }]);
  }

  /** Follows a target, or changes how it is followed (kinds, hours, address, language): e-mail is on again. */
  async follow(follower: Follower, input: WatchInput, now = new Date()): Promise<WatchDocument> {
    const _id = watchId(follower, input.type, input.ref);
    const watch: WatchDocument = {
      _id,
      follower,
      type: input.type,
      ref: input.ref,
      targetKey: targetKey(input.type, input.ref),
      kinds: [...input.kinds],
      etaHours: input.etaHours,
      ...(input.email === undefined ? {} : { email: input.email }),
      language: input.language,
      emailOn: input.email !== undefined,
      createdAt: now,
    };
    const { createdAt, ...changes } = watch;
    await this.collection.updateOne(
      { _id },
      { $set: changes, $setOnInsert: { createdAt }, ...(input.email === undefined ? { $unset: { email: '' } } : {}) },
      { upsert: true },
    );
    return (await this.collection.findOne({ _id })) ?? watch;
  }

  /** Stops following; false when the key holds no such watch. */
  async unfollow(keyId: string, id: string): Promise<boolean> {
    const { deletedCount } = await this.collection.deleteOne({ _id: id, 'follower.keyId': keyId });
    return deletedCount === 1;
  }

  /** A key holder's watches, the newest first. */
  ofFollower(keyId: string): Promise<WatchDocument[]> {
    return this.collection.find({ 'follower.keyId': keyId }).sort({ createdAt: -1 }).toArray();
  }

  async get(id: string): Promise<WatchDocument | undefined> {
    return (await this.collection.findOne({ _id: id })) ?? undefined;
  }

  /**
   * The watches on any of these targets (`<type>:<ref>`). The targets anyone follows are read first, in one query,
   * so that a batch of many journeys nobody follows (the usual case) costs one read, not one per 25 targets.
   */
  async onTargets(keys: readonly string[]): Promise<WatchDocument[]> {
    const followed = new Set<unknown>(await this.collection.distinct('targetKey'));
    const wanted = [...new Set(keys)].filter((key) => followed.has(key));
    return wanted.length === 0 ? [] : findIn(this.collection, 'targetKey', wanted);
  }

  /** Turns the watch's e-mail off (its unsubscribe link); false when there is no such watch. */
  async emailOff(id: string): Promise<boolean> {
    const { matchedCount } = await this.collection.updateOne({ _id: id }, { $set: { emailOn: false } });
    return matchedCount === 1;
  }
}

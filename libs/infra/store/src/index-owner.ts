/** A repository that owns its collection's indexes and creates them. */
export interface IndexOwner {
  ensureIndexes(): Promise<void>;
}

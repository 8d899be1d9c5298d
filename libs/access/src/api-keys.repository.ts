import type { Collection, Connection } from 'mongoose';
import { isDuplicateKeyError } from '@mmt/store';
import { generateApiKey, hashApiKey, parseApiKey } from './api-key';
import { isRole, type Principal, type Role } from './principal';
import { validateKeyInput } from './validate';

/** A stored key: `_id` is the SHA-256 of the key (so authentication is one `_id` lookup); the key itself is never stored. */
export interface ApiKeyDocument {
  _id: string;
  keyId: string;
  role: Role;
  orgId: string;
  name: string;
  createdAt: string;
  revokedAt?: string;
}

export type ApiKeyListing = Principal & { createdAt: string; revokedAt?: string };

/** Retries when a fresh keyId collides with an existing one (32 random bits: rare, but revoke goes by keyId). */
const CREATE_ATTEMPTS = 5;

/** `api_keys`: issued API keys, hashed. */
export class ApiKeysRepository {
  private readonly collection: Collection<ApiKeyDocument>;

  constructor(connection: Connection) {
    this.collection = connection.collection<ApiKeyDocument>('api_keys');
  }

  /** A unique index on `keyId`, so that two keys never share one; run before `create`. */
  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ keyId: 1 }, { unique: true });
  }

  /** Issues a key. The returned `apiKey` is the only time the key exists in clear: show it once, never log it. */
  async create(input: { role: Role; orgId: string; name: string }): Promise<{ apiKey: string; principal: Principal }> {
    const { role, orgId, name } = validateKeyInput(input);
    for (let attempt = 1; ; attempt++) {
      const { keyId, apiKey } = generateApiKey();
      const document: ApiKeyDocument = {
        _id: hashApiKey(apiKey),
        keyId,
        role,
        orgId,
        name,
        createdAt: new Date().toISOString(),
      };
      try {
        await this.collection.insertOne(document);
        return { apiKey, principal: { keyId, role, orgId, name } };
      } catch (error) {
        if (!isDuplicateKeyError(error) || attempt >= CREATE_ATTEMPTS) {
          throw error;
        }
      }
    }
  }

  /** The principal of an active key; undefined for a malformed, unknown or revoked key. */
  async authenticate(apiKey: string): Promise<Principal | undefined> {
    const parsed = typeof apiKey === 'string' ? parseApiKey(apiKey) : undefined;
    if (parsed === undefined) {
      return undefined;
    }
    const found = await this.collection.findOne({ _id: hashApiKey(apiKey) });
    if (!found || found.revokedAt !== undefined || found.keyId !== parsed.keyId || !isRole(found.role)) {
      return undefined;
    }
    return { keyId: found.keyId, role: found.role, orgId: found.orgId, name: found.name };
  }

  /** Revokes a key for good; true when an active key was revoked, false when none (unknown or already revoked). */
  async revoke(keyId: string): Promise<boolean> {
    const result = await this.collection.updateOne(
      { keyId, revokedAt: { $exists: false } },
      { $set: { revokedAt: new Date().toISOString() } },
    );
    return result.modifiedCount > 0;
  }

  /** Every key ever issued, revoked ones included, oldest first; never the key or its hash. */
  async list(): Promise<ApiKeyListing[]> {
    const documents = await this.collection.find({}).sort({ createdAt: 1, keyId: 1 }).toArray();
    return documents.map(({ keyId, role, orgId, name, createdAt, revokedAt }) => ({
      keyId,
      role,
      orgId,
      name,
      createdAt,
      ...(typeof revokedAt === 'string' ? { revokedAt } : {}),
    }));
  }
}

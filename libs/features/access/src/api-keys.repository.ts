import type { Collection, Connection } from 'mongoose';
import type { SourceSystem } from '@mmt/contracts';
import { isDuplicateKeyError } from '@mmt/store';
import { generateApiKey, hashApiKey, parseApiKey } from './api-key';
import type { KeyCheck, KeyUse } from './api-key-check';
import { AccessError, isRole, type Principal, type Role } from './principal';
import { validateKeyInput } from './validate';
import type { IndexOwner } from '@mmt/store';

/**
 * A stored key: `_id` is the SHA-256 of the key (so authentication is one `_id` lookup); the key itself is never
 * stored. Times are ISO 8601 in UTC (toISOString), so that they also compare as strings.
 */
export interface ApiKeyDocument {
  _id: string;
  keyId: string;
  role: Role;
  orgId: string;
  name: string;
  createdAt: string;
  revokedAt?: string;
  /** From this instant on the key is refused, with a 401 that says it expired. */
  expiresAt?: string;
  /** The key this one replaced (`keys rotate`). */
  rotatedFrom?: string;
  /** The key that replaced this one; this key's `expiresAt` is then the end of the overlap. */
  rotatedTo?: string;
  /** SOURCE_SYSTEM keys only: the source system it sends for. */
  source?: SourceSystem;
}

export type ApiKeyListing = Principal &
  Partial<Pick<ApiKeyDocument, 'revokedAt' | 'expiresAt' | 'rotatedFrom' | 'rotatedTo'>> & {
    createdAt: string;
  };

export interface CreatedKey {
  /** The key in clear: the only time it exists. Show it once, never log it. */
  apiKey: string;
  principal: Principal;
  expiresAt?: string;
}

export interface RotatedKey extends CreatedKey {
  /** The key replaced, and the instant it stops working (now + overlap, or its own expiry if sooner). */
  previous: { keyId: string; expiresAt: string };
}

/** Retries when a fresh keyId collides with an existing one (32 random bits: rare, but revoke goes by keyId). */
const CREATE_ATTEMPTS = 5;

/** `api_keys`: issued API keys, hashed. */
export class ApiKeysRepository implements IndexOwner {
  private readonly collection: Collection<ApiKeyDocument>;

  /** `now` is the clock expiry is judged by (tests move it). */
  constructor(
    connection: Connection,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.collection = connection.collection<ApiKeyDocument>('api_keys');
  }

  /** A unique index on `keyId`, so that two keys never share one; run before `create`. */
  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ keyId: 1 }, { unique: true });
  }

  /** Issues a key, valid until `expiresAt` when given (which must lie ahead), else until revoked. */
  async create(input: {
    role: Role;
    orgId: string;
    name: string;
    source?: SourceSystem;
    expiresAt?: Date;
  }): Promise<CreatedKey> {
    const valid = validateKeyInput(input);
    const createdAt = this.now();
    const expiresAt = input.expiresAt === undefined ? undefined : this.futureInstant(input.expiresAt, createdAt);
    return this.insert({ ...valid, createdAt: createdAt.toISOString(), ...(expiresAt ? { expiresAt } : {}) });
  }

  /**
   * Replaces a key without downtime: a new key for the same organisation, role and name, while the old one stays
   * valid for `overlapMs` more (or until its own expiry, if sooner) and is refused as expired after. The new key
   * expires at `expiresAt` when given, else after the old key's own lifetime when it had one, else never.
   */
  async rotate(keyId: string, { overlapMs, expiresAt }: { overlapMs: number; expiresAt?: Date }): Promise<RotatedKey> {
    const now = this.now();
    const old = await this.collection.findOne({ keyId });
    this.checkRotatable(keyId, old, now);
    const lifetimeMs = old.expiresAt === undefined ? undefined : Date.parse(old.expiresAt) - Date.parse(old.createdAt);
    const newExpiry =
      expiresAt !== undefined
        ? this.futureInstant(expiresAt, now)
        : lifetimeMs === undefined
          ? undefined
          : new Date(now.getTime() + lifetimeMs).toISOString();
    const overlapEnd = new Date(now.getTime() + overlapMs).toISOString();
    const oldExpiry =
      old.expiresAt !== undefined && Date.parse(old.expiresAt) < Date.parse(overlapEnd) ? old.expiresAt : overlapEnd;
    const created = await this.insert({
      role: old.role,
      orgId: old.orgId,
      name: old.name,
      ...(old.source === undefined ? {} : { source: old.source }),
      createdAt: now.toISOString(),
      rotatedFrom: keyId,
      ...(newExpiry ? { expiresAt: newExpiry } : {}),
    });
    // The old key is claimed only as it was read: a rotate, revoke or expiry in between loses this one.
    const claimed = await this.collection.updateOne(
      {
        keyId,
        revokedAt: { $exists: false },
        rotatedTo: { $exists: false },
        expiresAt: old.expiresAt === undefined ? { $exists: false } : old.expiresAt,
      },
      { $set: { rotatedTo: created.principal.keyId, expiresAt: oldExpiry } },
    );
    if (claimed.modifiedCount === 0) {
      await this.collection.deleteOne({ keyId: created.principal.keyId });
      throw new AccessError(`key "${keyId}" changed while it was being rotated (see \`list\`); nothing was issued`);
    }
    return { ...created, previous: { keyId, expiresAt: oldExpiry } };
  }

  /**
   * What a presented key is: its principal when valid now for `use`, else why it is refused (a SOURCE_SYSTEM key
   * is refused for reading).
   */
  async check(apiKey: string | undefined, use: KeyUse = 'read'): Promise<KeyCheck> {
    if (apiKey === undefined) {
      return { ok: false, refusal: { reason: 'missing' } };
    }
    const parsed = typeof apiKey === 'string' ? parseApiKey(apiKey) : undefined;
    if (parsed === undefined) {
      return { ok: false, refusal: { reason: 'unknown' } };
    }
    const found = await this.collection.findOne({ _id: hashApiKey(apiKey) });
    if (!found || found.revokedAt !== undefined || found.keyId !== parsed.keyId || !isRole(found.role)) {
      return { ok: false, refusal: { reason: 'unknown' } };
    }
    if (typeof found.expiresAt === 'string' && hasExpired(found.expiresAt, this.now())) {
      return { ok: false, refusal: { reason: 'expired', keyId: found.keyId, expiredAt: found.expiresAt } };
    }
    if (found.role === 'SOURCE_SYSTEM' && use === 'read') {
      return { ok: false, refusal: { reason: 'sender-only', keyId: found.keyId } };
    }
    const principal = {
      keyId: found.keyId,
      role: found.role,
      orgId: found.orgId,
      name: found.name,
      ...(found.source === undefined ? {} : { source: found.source }),
    };
    return { ok: true, principal, ...(typeof found.expiresAt === 'string' ? { expiresAt: found.expiresAt } : {}) };
  }

  /** The principal of an active key; undefined for a malformed, unknown, revoked or expired key (`check` says which). */
  async authenticate(apiKey: string): Promise<Principal | undefined> {
    const checked = await this.check(apiKey);
    return checked.ok ? checked.principal : undefined;
  }

  /** Revokes a key for good; true when an active key was revoked, false when none (unknown or already revoked). */
  async revoke(keyId: string): Promise<boolean> {
    const result = await this.collection.updateOne(
      { keyId, revokedAt: { $exists: false } },
      { $set: { revokedAt: this.now().toISOString() } },
    );
    return result.modifiedCount > 0;
  }

  /** Every key ever issued, revoked and expired ones included, oldest first; never the key or its hash. */
  async list(): Promise<ApiKeyListing[]> {
    const documents = await this.collection.find({}).sort({ createdAt: 1, keyId: 1 }).toArray();
    return documents.map(({ keyId, role, orgId, name, createdAt, ...rest }) => ({
      keyId,
      role,
      orgId,
      name,
      createdAt,
      ...Object.fromEntries(
        (['revokedAt', 'expiresAt', 'rotatedFrom', 'rotatedTo', 'source'] as const).flatMap((field) =>
          typeof rest[field] === 'string' ? [[field, rest[field]]] : [],
        ),
      ),
    }));
  }

  private async insert(fields: Omit<ApiKeyDocument, '_id' | 'keyId'>): Promise<CreatedKey> {
    for (let attempt = 1; ; attempt++) {
      const { keyId, apiKey } = generateApiKey();
      try {
        await this.collection.insertOne({ _id: hashApiKey(apiKey), keyId, ...fields });
        const { role, orgId, name, source } = fields;
        const principal = { keyId, role, orgId, name, ...(source === undefined ? {} : { source }) };
        return { apiKey, principal, ...(fields.expiresAt === undefined ? {} : { expiresAt: fields.expiresAt }) };
      } catch (error) {
        if (!isDuplicateKeyError(error) || attempt >= CREATE_ATTEMPTS) {
          throw error;
        }
      }
    }
  }

  private futureInstant(instant: Date, now: Date): string {
    if (Number.isNaN(instant.getTime()) || instant.getTime() <= now.getTime()) {
      throw new AccessError(`expiry: ${instant.toString()} is not after now (${now.toISOString()})`);
    }
    return instant.toISOString();
  }

  private checkRotatable(keyId: string, old: ApiKeyDocument | null, now: Date): asserts old is ApiKeyDocument {
    if (old === null) {
      throw new AccessError(`no key with id "${keyId}" (see \`list\`)`);
    }
    if (old.revokedAt !== undefined) {
      throw new AccessError(`key "${keyId}" was revoked on ${old.revokedAt}; issue a new one with \`create\``);
    }
    if (old.rotatedTo !== undefined) {
      throw new AccessError(`key "${keyId}" was already rotated to "${old.rotatedTo}"; rotate that one instead`);
    }
    if (old.expiresAt !== undefined && hasExpired(old.expiresAt, now)) {
      throw new AccessError(`key "${keyId}" expired on ${old.expiresAt}; issue a new one with \`create\``);
    }
  }
}

/** Whether an expiry has come at `now`; a stored expiry that does not parse counts as come (fail closed). */
function hasExpired(expiresAt: string, now: Date): boolean {
  return !(now.getTime() < Date.parse(expiresAt));
}

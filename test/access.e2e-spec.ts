import type { Connection } from 'mongoose';
import { dropDatabaseInSteps } from '@mmt/store';
import { ApiKeysRepository, hashApiKey, type Principal } from '@mmt/access';
import { testDatabase } from './support/infra';
import { KEY_LINE, runKeysCli, uriOf } from './support/keys-cli';

/** API keys against the real store (FerretDB v1 here, MongoDB under docker-compose), and the `keys` CLI end to end. */
describe('API keys (real store)', () => {
  let db: Connection;
  let keys: ApiKeysRepository;

  beforeAll(async () => {
    db = await testDatabase('access');
    keys = new ApiKeysRepository(db);
    await keys.ensureIndexes();
  });

  afterAll(async () => {
    await dropDatabaseInSteps(db);
    await db.close();
  });

  it('authenticates a new key as its principal, and stores only its hash', async () => {
    const { apiKey, principal } = await keys.create({ role: 'SHIPPER', orgId: 'org-cq-electronics', name: 'Acme' });
    expect(principal).toEqual<Principal>({
      keyId: apiKey.slice(4, 12),
      role: 'SHIPPER',
      orgId: 'org-cq-electronics',
      name: 'Acme',
    });
    expect(await keys.authenticate(apiKey)).toEqual(principal);

    const stored = await db.collection('api_keys').findOne({ keyId: principal.keyId });
    expect(stored?._id).toBe(hashApiKey(apiKey));
    const text = JSON.stringify(stored);
    expect(text).not.toContain(apiKey);
    expect(text).not.toContain(apiKey.slice(13));
  });

  it('keeps keyIds unique in the store, so that revoking by keyId is unambiguous', async () => {
    const { principal } = await keys.create({ role: 'SHIPPER', orgId: 'org-cq-autoparts', name: 'Jiangjin' });
    const clash = { _id: 'not-a-hash', keyId: principal.keyId, role: 'SHIPPER', orgId: 'x1', name: 'x', createdAt: '' };
    await expect(db.collection('api_keys').insertOne(clash as never)).rejects.toMatchObject({ code: 11000 });
  });

  it('rejects wrong, malformed and foreign-looking keys', async () => {
    const { apiKey } = await keys.create({ role: 'PARTNER', orgId: 'org-fwd-eurasia', name: 'Yuxin' });
    const lastChar = apiKey.endsWith('A') ? 'B' : 'A';
    const otherKeyId = `${apiKey.slice(0, 4)}${apiKey[4] === '0' ? '1' : '0'}${apiKey.slice(5)}`;
    for (const wrong of [
      `${apiKey.slice(0, -1)}${lastChar}`,
      otherKeyId,
      apiKey.slice(0, -1),
      `${apiKey} `,
      '',
      'mmt_',
      hashApiKey(apiKey),
    ]) {
      expect(await keys.authenticate(wrong)).toBeUndefined();
    }
  });

  it('refuses input that fails validation, storing nothing', async () => {
    const before = (await keys.list()).length;
    await expect(keys.create({ role: 'ADMIN' as Principal['role'], orgId: 'org-x', name: 'x' })).rejects.toThrow(
      /role: "ADMIN" is not one of/,
    );
    await expect(keys.create({ role: 'SHIPPER', orgId: 'org x', name: 'x' })).rejects.toThrow(/orgId/);
    expect(await keys.list()).toHaveLength(before);
  });

  it('stops authenticating a revoked key, and still lists it as revoked', async () => {
    const { apiKey, principal } = await keys.create({ role: 'PORT_OFFICE', orgId: 'CQ-PORT', name: 'Port office' });
    expect(await keys.revoke(principal.keyId)).toBe(true);
    expect(await keys.authenticate(apiKey)).toBeUndefined();
    expect(await keys.revoke(principal.keyId)).toBe(false);
    expect(await keys.revoke('ffffffff')).toBe(false);

    const listed = await keys.list();
    const entry = listed.find((k) => k.keyId === principal.keyId);
    expect(entry).toMatchObject(principal);
    expect(Object.keys(entry ?? {}).sort()).toEqual(['createdAt', 'keyId', 'name', 'orgId', 'revokedAt', 'role']);
    expect(Date.parse(entry?.revokedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(entry?.createdAt ?? ''));
    expect(listed.filter((k) => k.revokedAt === undefined).length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(listed)).not.toContain(hashApiKey(apiKey));
  });

  describe('the keys CLI', () => {
    let uri: string;

    beforeAll(() => {
      uri = uriOf(db);
    });

    it('creates a key it prints once, lists it, and revokes it', async () => {
      const created = await runKeysCli(
        ['create', '--role', 'SHIPPER', '--org', 'org-cq-agri', '--name', 'Three Gorges'],
        uri,
      );
      expect(created).toMatchObject({ code: 0, stderr: '' });
      expect(created.stdout).toMatch(/cannot be shown again/);
      const apiKey = KEY_LINE.exec(created.stdout)?.[0] ?? '';
      const principal = await keys.authenticate(apiKey);
      expect(principal).toMatchObject({ role: 'SHIPPER', orgId: 'org-cq-agri', name: 'Three Gorges' });
      const keyId = principal?.keyId ?? '';

      const listed = await runKeysCli(['list'], uri);
      expect(listed.code).toBe(0);
      expect(listed.stdout).toMatch(new RegExp(`^${keyId}\\s+SHIPPER\\s+org-cq-agri\\s+active`, 'm'));
      expect(listed.stdout).not.toContain(apiKey);

      expect(await runKeysCli(['revoke', keyId], uri)).toMatchObject({ code: 0, stdout: `Revoked key ${keyId}.\n` });
      expect(await keys.authenticate(apiKey)).toBeUndefined();
      const again = await runKeysCli(['revoke', keyId], uri);
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/no active key with id/);

      const json = await runKeysCli(['list', '--json'], uri);
      const entries = JSON.parse(json.stdout) as { keyId: string; revokedAt?: string }[];
      expect(entries.find((k) => k.keyId === keyId)?.revokedAt).toEqual(expect.any(String));
    });

    it('exits 1 with a clear message for a bad role, creating nothing', async () => {
      const before = (await keys.list()).length;
      const result = await runKeysCli(['create', '--role', 'ADMIN', '--org', 'org-x', '--name', 'x'], uri);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/role: "ADMIN" is not one of PORT_OFFICE, SHIPPER, PARTNER/);
      expect(result.stdout).toBe('');
      expect(await keys.list()).toHaveLength(before);
    });

    it.each([[[]], [['frobnicate']], [['create', '--role', 'SHIPPER']], [['revoke']], [['list', '--bogus']]])(
      'exits 2 with the usage for %j',
      async (args) => {
        const result = await runKeysCli(args, uri);
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(/Usage: npm run keys -- <command>/);
      },
    );
  });
});

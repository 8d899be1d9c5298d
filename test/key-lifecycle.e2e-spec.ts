import type { Connection } from 'mongoose';
import { dropDatabaseInSteps } from '@mmt/store';
import { ApiKeysRepository, type KeyCheck, refusalMessage } from '@mmt/access';
import { testDatabase } from './support/infra';
import { KEY_LINE, runKeysCli, uriOf } from './support/keys-cli';

/**
 * Keys that expire and keys rotated without downtime (issue 23), against the real store: the repository with a
 * clock the test moves, and the `keys` CLI end to end.
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('API key expiry and rotation (real store)', () => {
  let db: Connection;
  let now: Date;
  let keys: ApiKeysRepository;
  const at = (iso: string) => (now = new Date(iso));
  const later = (ms: number) => (now = new Date(now.getTime() + ms));

  beforeAll(async () => {
    db = await testDatabase('key-lifecycle');
    keys = new ApiKeysRepository(db, () => now);
    await keys.ensureIndexes();
  });

  beforeEach(() => at('2026-06-01T00:00:00.000Z'));

  afterAll(async () => {
    await dropDatabaseInSteps(db);
    await db.close();
  });

  it('serves a key until its expiry, then refuses it saying when it expired', async () => {
    const expiresAt = new Date('2026-06-01T12:00:00.000Z');
    const created = await keys.create({ role: 'PARTNER', orgId: 'org-fwd-eurasia', name: 'Yuxin', expiresAt });
    expect(created.expiresAt).toBe('2026-06-01T12:00:00.000Z');
    expect(await keys.authenticate(created.apiKey)).toEqual(created.principal);

    at('2026-06-01T11:59:59.999Z');
    expect(await keys.check(created.apiKey)).toEqual<KeyCheck>({
      ok: true,
      principal: created.principal,
      expiresAt: '2026-06-01T12:00:00.000Z',
    });

    at('2026-06-01T12:00:00.000Z');
    const refused = await keys.check(created.apiKey);
    expect(refused).toEqual<KeyCheck>({
      ok: false,
      refusal: { reason: 'expired', keyId: created.principal.keyId, expiredAt: '2026-06-01T12:00:00.000Z' },
    });
    expect(await keys.authenticate(created.apiKey)).toBeUndefined();
    expect(refused.ok ? '' : refusalMessage(refused.refusal)).toMatch(
      new RegExp(`^API key ${created.principal.keyId} expired on 2026-06-01T12:00:00.000Z`),
    );
  });

  it('says why a key is refused: missing, unknown (or revoked), expired', async () => {
    const { apiKey, principal } = await keys.create({ role: 'SHIPPER', orgId: 'org-cq-agri', name: 'Agri' });
    expect(await keys.check(undefined)).toEqual({ ok: false, refusal: { reason: 'missing' } });
    expect(await keys.check(`${apiKey.slice(0, -1)}${apiKey.endsWith('A') ? 'B' : 'A'}`)).toEqual({
      ok: false,
      refusal: { reason: 'unknown' },
    });
    await keys.revoke(principal.keyId);
    expect(await keys.check(apiKey)).toEqual({ ok: false, refusal: { reason: 'unknown' } });
  });

  it('refuses to issue a key that would be born expired', async () => {
    await expect(
      keys.create({ role: 'SHIPPER', orgId: 'org-cq-agri', name: 'x', expiresAt: new Date(now.getTime()) }),
    ).rejects.toThrow(/is not after now/);
  });

  it('rotates a key: old and new both work during the overlap, the old one is refused as expired after it', async () => {
    const old = await keys.create({ role: 'PARTNER', orgId: 'org-de-rheinruhr', name: 'Rhein-Ruhr' });
    later(HOUR);
    const rotated = await keys.rotate(old.principal.keyId, { overlapMs: 2 * HOUR });

    expect(rotated.principal).toMatchObject({ role: 'PARTNER', orgId: 'org-de-rheinruhr', name: 'Rhein-Ruhr' });
    expect(rotated.principal.keyId).not.toBe(old.principal.keyId);
    expect(rotated.apiKey).not.toBe(old.apiKey);
    expect(rotated.previous).toEqual({ keyId: old.principal.keyId, expiresAt: '2026-06-01T03:00:00.000Z' });
    expect(rotated.expiresAt).toBeUndefined();

    later(2 * HOUR - 1);
    expect(await keys.authenticate(old.apiKey)).toEqual(old.principal);
    expect(await keys.authenticate(rotated.apiKey)).toEqual(rotated.principal);

    later(1);
    expect(await keys.check(old.apiKey)).toMatchObject({ ok: false, refusal: { reason: 'expired' } });
    expect(await keys.authenticate(rotated.apiKey)).toEqual(rotated.principal);

    const listed = await keys.list();
    expect(listed.find((k) => k.keyId === old.principal.keyId)).toMatchObject({
      rotatedTo: rotated.principal.keyId,
      expiresAt: '2026-06-01T03:00:00.000Z',
    });
    expect(listed.find((k) => k.keyId === rotated.principal.keyId)).toMatchObject({
      rotatedFrom: old.principal.keyId,
    });
  });

  it('keeps an earlier expiry of the old key, and gives the new key the old key’s lifetime', async () => {
    const old = await keys.create({
      role: 'SHIPPER',
      orgId: 'org-cq-electronics',
      name: 'Liangjiang',
      expiresAt: new Date(now.getTime() + 90 * DAY),
    });
    later(90 * DAY - HOUR);
    const rotated = await keys.rotate(old.principal.keyId, { overlapMs: DAY });
    expect(rotated.previous.expiresAt).toBe(old.expiresAt);
    expect(rotated.expiresAt).toBe(new Date(now.getTime() + 90 * DAY).toISOString());

    const chosen = await keys.rotate(rotated.principal.keyId, {
      overlapMs: 0,
      expiresAt: new Date('2027-01-01T00:00:00Z'),
    });
    expect(chosen.expiresAt).toBe('2027-01-01T00:00:00.000Z');
    expect(await keys.check(rotated.apiKey)).toMatchObject({ ok: false, refusal: { reason: 'expired' } });
  });

  it('refuses to rotate an unknown, revoked, expired or already rotated key, issuing nothing', async () => {
    const revoked = await keys.create({ role: 'SHIPPER', orgId: 'org-a1', name: 'a' });
    await keys.revoke(revoked.principal.keyId);
    const expiring = await keys.create({
      role: 'SHIPPER',
      orgId: 'org-a1',
      name: 'b',
      expiresAt: new Date(now.getTime() + 1000),
    });
    const rotated = await keys.create({ role: 'SHIPPER', orgId: 'org-a1', name: 'c' });
    const successor = await keys.rotate(rotated.principal.keyId, { overlapMs: HOUR });
    later(1000);
    const before = (await keys.list()).length;
    await expect(keys.rotate('ffffffff', { overlapMs: HOUR })).rejects.toThrow(/no key with id "ffffffff"/);
    await expect(keys.rotate(revoked.principal.keyId, { overlapMs: HOUR })).rejects.toThrow(/was revoked on/);
    await expect(keys.rotate(expiring.principal.keyId, { overlapMs: HOUR })).rejects.toThrow(/expired on/);
    await expect(keys.rotate(rotated.principal.keyId, { overlapMs: HOUR })).rejects.toThrow(
      `already rotated to "${successor.principal.keyId}"`,
    );
    expect(await keys.list()).toHaveLength(before);
  });

  it('lets only one of two rotations of a key at once succeed, and leaves no key of the other', async () => {
    const old = await keys.create({ role: 'PARTNER', orgId: 'org-race', name: 'race' });
    const before = (await keys.list()).length;
    const outcomes = await Promise.allSettled([
      keys.rotate(old.principal.keyId, { overlapMs: HOUR }),
      keys.rotate(old.principal.keyId, { overlapMs: HOUR }),
    ]);
    const won = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
    expect(won).toHaveLength(1);
    expect((await keys.list()).length).toBe(before + 1);
    expect((await keys.list()).find((k) => k.keyId === old.principal.keyId)?.rotatedTo).toBe(won[0].principal.keyId);
  });

  describe('the keys CLI', () => {
    let uri: string;
    const KEY_ID = /^Created key ([0-9a-f]{8})/m;

    beforeAll(() => (uri = uriOf(db)));

    it('creates a key with --expires-in, lists its expiry, and rotates it with --overlap, printing the new key once', async () => {
      const started = Date.now();
      const created = await runKeysCli(
        ['create', '--role', 'PARTNER', '--org', 'org-cli-rotate', '--name', 'CLI partner', '--expires-in', '90d'],
        uri,
      );
      expect(created).toMatchObject({ code: 0, stderr: '' });
      const keyId = KEY_ID.exec(created.stdout)?.[1] ?? '';
      const expiry = /it expires (\S+)\.$/m.exec(created.stdout)?.[1] ?? '';
      expect(Date.parse(expiry) - started).toBeGreaterThanOrEqual(90 * DAY);
      expect(Date.parse(expiry) - Date.now()).toBeLessThanOrEqual(90 * DAY);

      const listed = await runKeysCli(['list'], uri);
      expect(listed.stdout).toMatch(
        new RegExp(`^${keyId}\\s+PARTNER\\s+org-cli-rotate\\s+active\\s+${expiry}\\s`, 'm'),
      );

      const rotated = await runKeysCli(['rotate', keyId, '--overlap', '2h'], uri);
      expect(rotated).toMatchObject({ code: 0, stderr: '' });
      const newKey = KEY_LINE.exec(rotated.stdout)?.[0] ?? '';
      expect(rotated.stdout.match(new RegExp(KEY_LINE.source, 'gm'))).toHaveLength(1);
      expect(rotated.stdout).toMatch(/cannot be shown again/);
      const newPrincipal = await new ApiKeysRepository(db).authenticate(newKey);
      expect(newPrincipal).toMatchObject({ role: 'PARTNER', orgId: 'org-cli-rotate', name: 'CLI partner' });
      expect(rotated.stdout).toContain(`Rotated key ${keyId} to ${newPrincipal?.keyId}`);
      const oldUntil = new RegExp(`The old key ${keyId} keeps working until (\\S+) \\(overlap 2h`).exec(
        rotated.stdout,
      )?.[1];
      expect(Date.parse(oldUntil ?? '') - started).toBeGreaterThanOrEqual(2 * HOUR);
      expect(Date.parse(oldUntil ?? '') - Date.now()).toBeLessThanOrEqual(2 * HOUR);

      const json = JSON.parse((await runKeysCli(['list', '--json'], uri)).stdout) as Record<string, string>[];
      expect(json.find((k) => k.keyId === keyId)).toMatchObject({
        status: 'active',
        expiresAt: oldUntil,
        rotatedTo: newPrincipal?.keyId,
      });
      expect(json.find((k) => k.keyId === newPrincipal?.keyId)).toMatchObject({ status: 'active', rotatedFrom: keyId });
    });

    it('lists an expired key as expired', async () => {
      // The CLI judges by the real clock: a key issued two days ago that expired yesterday.
      const expiresAt = new Date(Date.now() - DAY);
      now = new Date(expiresAt.getTime() - DAY);
      const { principal } = await keys.create({
        role: 'SHIPPER',
        orgId: 'org-cli-expired',
        name: 'Expired',
        expiresAt,
      });
      const listed = await runKeysCli(['list'], uri);
      expect(listed.stdout).toMatch(
        new RegExp(
          `^${principal.keyId}\\s+SHIPPER\\s+org-cli-expired\\s+expired\\s+${expiresAt.toISOString()}\\s`,
          'm',
        ),
      );
    });

    it.each([
      [
        ['create', '--role', 'SHIPPER', '--org', 'org-x1', '--name', 'x', '--expires-in', '90'],
        1,
        /--expires-in: "90" is not a duration/,
      ],
      [
        ['create', '--role', 'SHIPPER', '--org', 'org-x1', '--name', 'x', '--expires-at', '2026-02-30'],
        1,
        /--expires-at: "2026-02-30" is not an ISO 8601/,
      ],
      [
        ['create', '--role', 'SHIPPER', '--org', 'org-x1', '--name', 'x', '--expires-at', '2001-01-01'],
        1,
        /already past/,
      ],
      [
        [
          'create',
          '--role',
          'SHIPPER',
          '--org',
          'org-x1',
          '--name',
          'x',
          '--expires-in',
          '1d',
          '--expires-at',
          '2099-01-01',
        ],
        2,
        /not both/,
      ],
      [['rotate', 'ffffffff', '--overlap', 'soon'], 1, /--overlap: "soon" is not a duration/],
      [['rotate', 'ffffffff'], 1, /no key with id "ffffffff"/],
      [['rotate'], 2, /rotate takes one keyId/],
      [['rotate', 'ffffffff', '--json'], 2, /rotate does not take --json/],
    ])('%j exits %d, creating nothing', async (args, code, message) => {
      const before = (await keys.list()).length;
      const result = await runKeysCli(args, uri);
      expect(result.code).toBe(code);
      expect(result.stderr).toMatch(message);
      expect(result.stdout).toBe('');
      expect(await keys.list()).toHaveLength(before);
    });
  });
});

import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { Connection } from 'mongoose';
import { ApiKeysRepository, canSee, type Principal } from '@mmt/access';
import type { JourneyUpdate } from '@mmt/contracts';
import {
  startWebhookReceiver,
  SubscriptionsRepository,
  toDcsaEvent,
  type DcsaEvent,
  type WebhookReceiver,
} from '@mmt/dcsa';
import { connectStore, orgKey } from '@mmt/store';
import { waitFor } from './support/graphql-client';
import { allowLocalCallbacks } from './support/local-callbacks';
import { baseOf, journeyUpdates, publishUpdates, rest } from './support/partner-api';
import { TestPipeline } from './support/pipeline';
import { simulatedHistory } from './support/simulated-history';

/**
 * Notifications as DCSA 2.2 signs them, and webhook secrets at rest. A receiver written here from DCSA's own
 * description, independent of the platform's signing code, must accept every notification of a feed; the store
 * must never hold a secret in plaintext (subscriptions created, secrets replaced, and documents written before
 * secrets were encrypted), while notifications keep verifying with the subscriber's secret.
 */
const OPTIONS = {
  pollMs: 200,
  batchSize: 25,
  timeoutMs: 2000,
  leaseMs: 10_000,
  retry: { baseDelayMs: 100, maxDelayMs: 400, retryWindowMs: 60_000 },
  callbacks: allowLocalCallbacks(),
};
const PARTNER = 'org-de-rheinruhr';

interface DcsaNotification {
  readonly subscriptionId: string;
  readonly events: DcsaEvent[];
}

interface DcsaReceiver {
  readonly url: string;
  readonly accepted: DcsaNotification[];
  readonly refused: string[];
  close(): Promise<void>;
}

/**
 * DCSA 2.2's verification of a notification (EVENT_DOMAIN, parameter notificationSignature): the header is
 * `<signature-type>=<signature>`, the type `sha256`, the signature the hex of an HMAC-SHA256 that covers the whole
 * request body as sent, and nothing else. The key is the subscription's secret as bytes: the secret travels in
 * Base64 (format byte), and DCSA's reference implementation keys HMAC-SHA256 with exactly 64 of them. The
 * reference also refuses a notification whose Subscription-ID is not the expected one.
 */
function dcsaCheck(secretBase64: string, headers: IncomingMessage['headers'], body: Buffer, id: string) {
  const header = headers['notification-signature'];
  if (typeof header !== 'string') {
    return 'missing Notification-Signature';
  }
  const line = header.trim();
  const equals = line.indexOf('=');
  if (equals < 1) {
    return `Notification-Signature is not <signature-type>=<signature>: ${line}`;
  }
  const type = line.slice(0, equals).toLowerCase();
  const hex = line.slice(equals + 1);
  if (type !== 'sha256') {
    return `signature type "${type}" is not supported`;
  }
  if (!/^([0-9a-fA-F]{2})+$/.test(hex)) {
    return `signature is not hex: ${hex}`;
  }
  const key = Buffer.from(secretBase64, 'base64');
  if (key.length !== 64) {
    return `key of ${key.length} bytes`;
  }
  if (headers['subscription-id'] !== id) {
    return `Subscription-ID ${String(headers['subscription-id'])} is not ${id}`;
  }
  const computed = createHmac('sha256', key).update(body).digest();
  const provided = Buffer.from(hex, 'hex');
  return provided.length === computed.length && timingSafeEqual(provided, computed)
    ? undefined
    : 'signature does not match the payload';
}

/** A subscriber's endpoint that verifies as DCSA does: 204 when the signature holds, 401 with the reason when not. */
function startDcsaReceiver(secretOf: (subscriptionId: string) => string | undefined): Promise<DcsaReceiver> {
  const accepted: DcsaNotification[] = [];
  const refused: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const id = String(req.headers['subscription-id']);
      const secret = secretOf(id);
      const problem = secret === undefined ? `unknown subscription ${id}` : dcsaCheck(secret, req.headers, body, id);
      if (problem !== undefined) {
        refused.push(problem);
        res.writeHead(401).end(problem);
        return;
      }
      accepted.push({ subscriptionId: id, events: JSON.parse(body.toString('utf8')) as DcsaEvent[] });
      res.writeHead(204).end();
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({
        url: `http://127.0.0.1:${port}/dcsa`,
        accepted,
        refused,
        close: () => new Promise((done) => server.close(() => done())),
      });
    }),
  );
}

const secret64 = () => randomBytes(64).toString('base64');

describe('webhook signatures and secrets at rest', () => {
  const pipeline = new TestPipeline('webhook-signatures');
  let store: Connection;
  let base: string;
  let principal: Principal;
  let apiKey: string;
  let dcsa: DcsaReceiver;
  let timestamped: WebhookReceiver;
  const secrets = new Map<string, string>();
  const ids: Record<'generated' | 'chosen' | 'legacy' | 'timestamped', string> = {} as never;
  const history = simulatedHistory({ journeys: 40, seed: 2301, start: '2026-05-04T08:00:00+08:00' });
  let updates: JourneyUpdate[];
  let timestampedCreated: { status: number; body: unknown };

  const rawSubscription = (id: string) => store.collection('event_subscriptions').findOne({ _id: id as never });

  async function subscribe(url: string, body: Record<string, unknown> = {}): Promise<string> {
    const created = await rest<{ subscriptionID: string; secret?: string }>(
      base,
      'POST',
      '/v2/event-subscriptions',
      apiKey,
      { callbackUrl: url, ...body },
    );
    expect(created.status).toBe(201);
    secrets.set(created.body.subscriptionID, (body.secret as string | undefined) ?? created.body.secret!);
    return created.body.subscriptionID;
  }

  const expected = () =>
    updates.flatMap((update) =>
      canSee(principal, update.journey) ? (update.events ?? []).flatMap((e) => toDcsaEvent(e) ?? []) : [],
    );
  const receivedBy = (notifications: readonly DcsaNotification[], id: string) =>
    new Set(notifications.filter((n) => n.subscriptionId === id).flatMap((n) => n.events.map((e) => e.eventID)));

  beforeAll(async () => {
    store = await connectStore(pipeline.config.mongodbUri);
    const keys = new ApiKeysRepository(store);
    ({ apiKey, principal } = await keys.create({ role: 'PARTNER', orgId: PARTNER, name: PARTNER }));
    dcsa = await startDcsaReceiver((id) => secrets.get(id));
    timestamped = await startWebhookReceiver({
      port: 0,
      secretOf: (id) => secrets.get(id),
      signatureScheme: 'TIMESTAMPED',
    });

    // A subscription written before secrets were encrypted: its secret in plaintext, as the store held it then.
    ids.legacy = randomUUID();
    secrets.set(ids.legacy, secret64());
    const now = new Date();
    await store.collection('event_subscriptions').insertOne({
      _id: ids.legacy as never,
      owner: { orgId: PARTNER, orgKey: orgKey(PARTNER), role: 'PARTNER', keyId: principal.keyId },
      callbackUrl: dcsa.url,
      secret: secrets.get(ids.legacy),
      filter: {},
      status: 'ACTIVE',
      createdAt: now,
      updatedAt: now,
      failures: 0,
    });

    await pipeline.startWebhooks(OPTIONS);
    base = baseOf(await pipeline.startGateway());
    ids.generated = await subscribe(dcsa.url);
    ids.chosen = await subscribe(dcsa.url, { secret: secret64() });
    const replaced = secret64();
    const put = await rest(base, 'PUT', `/v2/event-subscriptions/${ids.chosen}/secret`, apiKey, { secret: replaced });
    expect(put.status).toBe(204);
    secrets.set(ids.chosen, replaced);
    // signatureScheme is the platform's extension of DCSA's subscription body; its answer is checked below.
    timestampedCreated = await rest<{ subscriptionID: string; secret: string }>(
      base,
      'POST',
      '/v2/event-subscriptions',
      apiKey,
      { callbackUrl: timestamped.url, signatureScheme: 'TIMESTAMPED' },
    );
    const { subscriptionID, secret } = timestampedCreated.body as { subscriptionID?: string; secret?: string };
    if (subscriptionID !== undefined) {
      ids.timestamped = subscriptionID;
      secrets.set(subscriptionID, secret!);
    }

    updates = journeyUpdates(history.journeys, history.events, 3, new Date().toISOString());
    await publishUpdates(pipeline, updates);
  });

  afterAll(async () => {
    await dcsa?.close();
    await timestamped?.close();
    await pipeline.stop(store);
    await store.close();
  });

  it('signs every notification as DCSA 2.2 does: a receiver verifying the body-only HMAC accepts them all', async () => {
    const wanted = expected().map((e) => e.eventID);
    expect(wanted.length).toBeGreaterThan(30);
    await waitFor(
      'every DCSA subscription to receive its events, or a notification to be refused',
      () =>
        dcsa.refused.length > 0 ||
        [ids.generated, ids.chosen, ids.legacy].every((id) => receivedBy(dcsa.accepted, id).size >= wanted.length),
      90_000,
    );
    expect(dcsa.refused).toEqual([]);
    for (const id of [ids.generated, ids.chosen, ids.legacy]) {
      expect([...receivedBy(dcsa.accepted, id)].sort()).toEqual([...wanted].sort());
    }
  });

  it('signs with a timestamp instead for a subscription that asked for it', async () => {
    expect(timestampedCreated.status).toBe(201);
    expect(timestampedCreated.body).toMatchObject({ signatureScheme: 'TIMESTAMPED' });
    const wanted = expected().map((e) => e.eventID);
    await waitFor(
      'the timestamped subscription to receive its events, or a notification to be refused',
      () => timestamped.refused.length > 0 || timestamped.seen.size >= wanted.length,
      90_000,
    );
    expect(timestamped.refused).toEqual([]);
    expect([...timestamped.seen.keys()].sort()).toEqual([...wanted].sort());
  });

  it('keeps no secret in plaintext in the store: not when created, replaced, nor from before encryption', async () => {
    for (const id of [ids.generated, ids.chosen, ids.legacy]) {
      const secret = secrets.get(id)!;
      const stored = JSON.stringify(await rawSubscription(id));
      expect(stored).not.toContain(secret);
      expect(stored).not.toContain(Buffer.from(secret, 'base64').toString('hex'));
      expect(stored).toMatch(/aes-256-gcm/i);
    }
    // The service encrypted the one plaintext secret when it started; there is nothing left to encrypt.
    expect(await new SubscriptionsRepository(store).encryptPlaintextSecrets()).toBe(0);
  });
});

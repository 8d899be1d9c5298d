import { createServer, type Server } from 'node:http';
import type { Connection } from 'mongoose';
import { ApiKeysRepository, type Principal } from '@mmt/access';
import {
  ALLOWED_HOSTS_SETTING,
  callbackUrlProblem,
  DeliveriesRepository,
  generateSecret,
  SubscriptionsRepository,
  type CallbackPolicy,
  type ResolvedAddress,
} from '@mmt/dcsa';
import { connectStore } from '@mmt/store';
import { waitFor } from './support/graphql-client';
import { allowLocalCallbacks } from './support/local-callbacks';
import { baseOf, expectSchema, journeyUpdates, publishUpdates, rest } from './support/partner-api';
import { TestPipeline } from './support/pipeline';
import { simulatedHistory } from './support/simulated-history';

/**
 * Callback URLs cannot reach inside the platform's network: the gateway refuses them on create and update, and the
 * webhooks service checks each again when it sends, resolving the name, checking every address and connecting to
 * the address it checked. Here the webhooks service resolves names with a DNS the test controls, so that the
 * answer can change between create and send, and between the check and the connection (DNS rebinding).
 */
const PORT_OFFICE = 'PORT-CQ';
/** A public address: what answers there does not matter, only that it is not the receiver on 127.0.0.1. */
const PUBLIC_ADDRESS = '1.1.1.1';
const OPTIONS = {
  pollMs: 200,
  batchSize: 50,
  timeoutMs: 1000,
  leaseMs: 10_000,
  retry: { baseDelayMs: 100, maxDelayMs: 300, retryWindowMs: 10 * 60_000 },
};

/** The test's DNS: what `localhost` resolves to at each lookup the webhooks service makes. */
const dns = {
  answers: [] as ResolvedAddress[][],
  lookups: 0,
  /** The answer once `answers` are used up. */
  then: [{ address: '127.0.0.1', family: 4 }] as ResolvedAddress[],
};
const testPolicy: CallbackPolicy = {
  allowedHosts: new Set(), // nothing exempt: the production rules
  lookup: (hostname) => {
    dns.lookups += 1;
    return Promise.resolve(hostname === 'localhost' ? (dns.answers.shift() ?? dns.then) : []);
  },
};

/** An HTTP server on 127.0.0.1 that counts every TCP connection made to it, whatever is sent on it. */
async function connectionCounter(): Promise<{ server: Server; port: number; connections: () => number }> {
  let connections = 0;
  const server = createServer((_req, res) => res.writeHead(204).end());
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port, connections: () => connections };
}

describe('callback URLs that cannot reach inside', () => {
  const pipeline = new TestPipeline('webhook-callbacks');
  let store: Connection;
  let base: string;
  let apiKey: string;
  let principal: Principal;
  let receiver: Awaited<ReturnType<typeof connectionCounter>>;

  beforeAll(async () => {
    allowLocalCallbacks();
    store = await connectStore(pipeline.config.mongodbUri);
    ({ apiKey, principal } = await new ApiKeysRepository(store).create({
      role: 'PORT_OFFICE',
      orgId: PORT_OFFICE,
      name: 'port office',
    }));
    receiver = await connectionCounter();
    await pipeline.startWebhooks({ ...OPTIONS, callbacks: testPolicy });
    base = baseOf(await pipeline.startGateway());
  });

  afterAll(async () => {
    receiver?.server.closeAllConnections();
    receiver?.server.close();
    await pipeline.stop(store);
    await store.close();
  });

  it('does not call a callback whose name resolved to a public address when created and to a private one at send time', async () => {
    // `localhost` is what the system resolves to the receiver: a send that skipped the check, or that connected
    // by resolving the name again instead of to the address it checked, would reach it.
    const callbackUrl = `https://localhost:${receiver.port}/dcsa`;
    const atCreate: CallbackPolicy = {
      ...testPolicy,
      lookup: () => Promise.resolve([{ address: PUBLIC_ADDRESS, family: 4 }]),
    };
    expect(await callbackUrlProblem(callbackUrl, atCreate)).toBeUndefined();
    const subscription = await new SubscriptionsRepository(store).create(
      principal,
      { callbackUrl, filter: {} },
      generateSecret(),
    );
    const attempts = () => new DeliveriesRepository(store).attemptsOf(subscription._id, 1000);

    // At send time the name resolves to 127.0.0.1: every try is refused before connecting, with the reason.
    const history = simulatedHistory({ journeys: 12, seed: 2302, start: '2026-06-01T08:00:00+08:00' });
    await publishUpdates(pipeline, journeyUpdates(history.journeys, history.events, 2, new Date().toISOString()));
    await waitFor('three refused tries', async () => (await attempts()).length >= 3, 60_000);
    const refused = await attempts();
    for (const attempt of refused) {
      expect(attempt).toMatchObject({
        outcome: 'FAILED',
        error:
          'not sent: callbackUrl: host localhost resolves to a loopback address; callbacks must reach the public internet',
      });
      expect(attempt.httpStatus).toBeUndefined();
    }
    expect(receiver.connections()).toBe(0);
    const state = await rest<Record<string, unknown>>(
      base,
      'GET',
      `/v2/event-subscriptions/${subscription._id}`,
      apiKey,
    );
    expect(state.body).toMatchObject({ status: 'ACTIVE', lastError: refused[0].error });

    // DNS rebinding: the name passes the check (a public address), then resolves to 127.0.0.1 for anyone who asks
    // again. The connection goes to the address checked, so the receiver is still never reached.
    const lookupsBefore = dns.lookups;
    dns.answers.push(...Array.from({ length: 50 }, (): ResolvedAddress[] => [{ address: PUBLIC_ADDRESS, family: 4 }]));
    dns.then = [{ address: '127.0.0.1', family: 4 }];
    const switched = new Date();
    const triedSince = async () => (await attempts()).filter((attempt) => attempt.at > switched);
    await waitFor('two tries past the check', async () => (await triedSince()).length >= 2, 60_000);
    const tried = await triedSince();
    for (const attempt of tried) {
      expect(attempt.outcome).toBe('FAILED');
      expect(attempt.error).not.toMatch(/^not sent/);
    }
    // One lookup per try, the check's (and perhaps one more for a try begun since): nothing resolves the name again.
    expect(dns.lookups - lookupsBefore).toBeLessThanOrEqual(tried.length + 2);
    expect(receiver.connections()).toBe(0);
  });

  const SSRF: readonly (readonly [string, RegExp])[] = [
    ['http://169.254.169.254/latest/meta-data/', /169\.254\.169\.254 is a link-local address/],
    ['http://10.0.0.5/hook', /10\.0\.0\.5 is a private address/],
    ['http://192.168.1.10/hook', /192\.168\.1\.10 is a private address/],
    ['https://172.16.8.1/hook', /172\.16\.8\.1 is a private address/],
    ['https://100.64.0.7/hook', /carrier-grade NAT/],
    ['http://[::1]/hook', /::1 is a loopback address/],
    ['http://[::ffff:127.0.0.1]/hook', /a loopback address \(IPv4-mapped 127\.0\.0\.1\)/],
    ['https://[fd00::1]/hook', /a unique-local address/],
    ['http://0.0.0.0/hook', /0\.0\.0\.0 is an unspecified address/],
    ['http://2130706433/hook', /host 2130706433 is a numeric-encoded address \(127\.0\.0\.1\)/],
    ['http://0x7f.1/hook', /numeric-encoded/],
    ['http://localhost:27017/', /host localhost resolves to a loopback address/],
  ];

  it.each([
    ['with no host allowed (production)', ''],
    ['with WEBHOOK_ALLOWED_HOSTS=127.0.0.1 (tests, local demo)', '127.0.0.1'],
  ])('refuses every callback URL into the network with a clear 400, on create and update, %s', async (_, allowed) => {
    process.env[ALLOWED_HOSTS_SETTING] = allowed;
    const own = `${base}v2/events`; // the gateway itself
    const cases = allowed === '' ? [...SSRF, [own, /127\.0\.0\.1 is a loopback address/] as const] : SSRF;
    const existing = await rest<{ subscriptionID: string }>(base, 'POST', '/v2/event-subscriptions', apiKey, {
      callbackUrl: 'https://8.8.8.8/dcsa',
    });
    expect(existing.status).toBe(201);
    for (const [callbackUrl, reason] of cases) {
      for (const [method, path] of [
        ['POST', '/v2/event-subscriptions'],
        ['PUT', `/v2/event-subscriptions/${existing.body.subscriptionID}`],
      ] as const) {
        const answer = await rest<{ errors: { message: string }[] }>(base, method, path, apiKey, { callbackUrl });
        expect({ callbackUrl, method, status: answer.status }).toEqual({ callbackUrl, method, status: 400 });
        expectSchema('error', answer.body);
        expect(answer.body.errors.map((e) => e.message).join('\n')).toMatch(reason);
      }
    }
  });

  it('refuses credentials in a callback URL without echoing them', async () => {
    process.env[ALLOWED_HOSTS_SETTING] = '127.0.0.1';
    for (const callbackUrl of ['https://alice:Tr0ub4dor-3@8.8.8.8/dcsa', 'http://bob:c0rrect-h0rse@127.0.0.1:9/']) {
      const answer = await rest<{ errors: { message: string }[] }>(base, 'POST', '/v2/event-subscriptions', apiKey, {
        callbackUrl,
      });
      expect(answer.status).toBe(400);
      expect(answer.body.errors.map((e) => e.message).join('\n')).toMatch(/callbackUrl: must not carry credentials/);
      expect(JSON.stringify(answer.body)).not.toMatch(/alice|Tr0ub4dor|bob|c0rrect/);
    }
    expect(pipeline.fatal).toEqual([]);
  });
});

import type { INestApplication } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { ApiKeysRepository } from '@mmt/access';
import { connectStore } from '@mmt/store';
import { GatewayModule } from '../apps/gateway/src/gateway.module';
import { startGateway } from '../apps/gateway/src/main';
import { closeCodeOf, Collector, waitFor, wsClient } from './support/graphql-client';
import { baseOf, expectSchema } from './support/partner-api';
import { TestPipeline } from './support/pipeline';

/**
 * Per-key rate limits, key expiry and rotation (issue 23) on a real gateway against the real store: one key's
 * loop is answered 429 with Retry-After on the partner API and on GraphQL while other keys are served, and is
 * served again once it waits; an expired key is refused saying so; a rotated key's old and new keys both work
 * during the overlap. The gateway runs with a small limit, one request a second in bursts of 5.
 */
const LIMIT = { perMinute: 60, burst: 5 };
const DAY = 86_400_000;
const COUNTER = '{ __typename }';

interface RateLimitedGraphQL {
  errors?: { message: string; extensions?: { code?: string; retryAfterSeconds?: number } }[];
  data?: unknown;
}

async function graphqlCall(url: string, apiKey: string | undefined) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(apiKey === undefined ? {} : { 'x-api-key': apiKey }) },
    body: JSON.stringify({ query: COUNTER }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as RateLimitedGraphQL };
}

/**
 * A GET of the partner API that may be refused with 429. Not `rest()`: that checks each answer against the
 * committed OpenAPI document, which does not list 429 yet (apps/gateway/src/partners is another change's);
 * the 429 body is checked against the document's error schema here instead.
 */
async function partnerGet(base: string, path: string, apiKey: string | undefined) {
  const response = await fetch(new URL(path, base), { headers: apiKey === undefined ? {} : { 'x-api-key': apiKey } });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: JSON.parse(text) as unknown };
}

/** The messages of a DCSA error body. */
const messagesOf = (body: unknown) => (body as { errors: { message: string }[] }).errors.map((e) => e.message);

/** Most calls a caller may get through in `ms`: the burst, one a second after it, and one for rounding. */
const mostAllowedIn = (ms: number) => LIMIT.burst + Math.ceil(ms / 1000) + 1;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const retryAfterOf = (headers: Headers) => Number(headers.get('Retry-After'));

describe('Rate limits per API key, key expiry and rotation (real gateway, real store)', () => {
  const pipeline = new TestPipeline('rate-limits');
  let store: Connection;
  let keys: ApiKeysRepository;
  let gateway: { app: INestApplication; url: string };
  let base: string;
  const newKey = async (name: string) =>
    (await keys.create({ role: 'PARTNER', orgId: 'org-rate-limits', name })).apiKey;

  beforeAll(async () => {
    store = await connectStore(pipeline.config.mongodbUri);
    keys = new ApiKeysRepository(store);
    await keys.ensureIndexes();
    gateway = await startGateway(GatewayModule.forRoot(pipeline.config, { rateLimit: LIMIT }), 0, true);
    base = baseOf(gateway.url);
  }, 120_000);

  afterAll(async () => {
    await gateway?.app.close();
    await pipeline.stop(store);
    await store.close();
  });

  it('answers one key’s loop on /v2/events with 429 and Retry-After in the DCSA error body, while another key is served', async () => {
    const [looping, other] = [await newKey('looping'), await newKey('other')];
    const started = Date.now();
    const [loop, served] = await Promise.all([
      Promise.all(Array.from({ length: 30 }, () => partnerGet(base, '/v2/events?limit=1', looping))),
      (async () => {
        const statuses: number[] = [];
        for (let i = 0; i < 4; i += 1) {
          statuses.push((await partnerGet(base, '/v2/events?limit=1', other)).status);
        }
        return statuses;
      })(),
    ]);
    expect(served).toEqual([200, 200, 200, 200]);
    expect(loop.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(LIMIT.burst);
    const refused = loop.filter((r) => r.status === 429);
    expect(refused.length).toBe(30 - loop.filter((r) => r.status === 200).length);
    expect(refused.length).toBeGreaterThanOrEqual(30 - mostAllowedIn(Date.now() - started));
    for (const response of refused) {
      expect(response.headers.get('Retry-After')).toMatch(/^[1-9]\d*$/);
      expect(response.headers.get('API-Version')).toBe('2.2.0');
      expectSchema('error', response.body);
      expect(response.body).toMatchObject({
        httpMethod: 'GET',
        requestUri: '/v2/events?limit=1',
        statusCode: 429,
        statusCodeText: 'Too Many Requests',
      });
      const { errors } = response.body as { errors: { reason: string; message: string }[] };
      expect(errors).toHaveLength(1);
      expect(errors[0].reason).toBe('tooManyRequests');
      expect(errors[0].message).toMatch(/^Too many requests for this API key: .*; retry after [1-9]\d* s$/);
    }

    const last = await partnerGet(base, '/v2/events?limit=1', looping);
    expect(last.status).toBe(429);
    await sleep(retryAfterOf(last.headers) * 1000);
    expect((await partnerGet(base, '/v2/events?limit=1', looping)).status).toBe(200);
  });

  it('answers one key’s loop on /graphql with 429, Retry-After and a RATE_LIMITED error, while another key is served', async () => {
    const [looping, other] = [await newKey('looping'), await newKey('other')];
    const started = Date.now();
    const [loop, served] = await Promise.all([
      Promise.all(Array.from({ length: 30 }, () => graphqlCall(gateway.url, looping))),
      (async () => {
        const answers: RateLimitedGraphQL[] = [];
        for (let i = 0; i < 4; i += 1) {
          answers.push((await graphqlCall(gateway.url, other)).body);
        }
        return answers;
      })(),
    ]);
    expect(served).toEqual(Array.from({ length: 4 }, () => ({ data: { __typename: 'Query' } })));
    const refused = loop.filter((r) => r.status === 429);
    expect(refused.length).toBeGreaterThanOrEqual(30 - mostAllowedIn(Date.now() - started));
    for (const { headers, body } of refused) {
      const retryAfter = retryAfterOf(headers);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(body.errors).toHaveLength(1);
      expect(Object.keys(body)).toEqual(['errors']);
      expect(body.errors?.[0].extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: retryAfter });
      expect(body.errors?.[0].message).toBe(
        `Too many requests for this API key: the limit is 60 requests a minute, in bursts of up to 5; retry after ${retryAfter} s`,
      );
    }

    const last = await graphqlCall(gateway.url, looping);
    expect(last.status).toBe(429);
    await sleep(retryAfterOf(last.headers) * 1000);
    expect(await graphqlCall(gateway.url, looping)).toMatchObject({
      status: 200,
      body: { data: { __typename: 'Query' } },
    });
  });

  it('counts /v2 and /graphql against one budget per key', async () => {
    const apiKey = await newKey('both');
    let status = 200;
    for (let calls = 0; status !== 429; calls += 1) {
      expect(calls).toBeLessThan(60);
      status = (await partnerGet(base, '/v2/events?limit=1', apiKey)).status;
    }
    // Right after the partner API refused the key, so does GraphQL: the bucket is the key's, not the API's.
    const after = await graphqlCall(gateway.url, apiKey);
    expect(after.status).toBe(429);
  });

  it('limits requests without a key by client address, but never health, metrics, the web app or the OpenAPI document', async () => {
    const started = Date.now();
    const keyless = await Promise.all(Array.from({ length: 20 }, () => partnerGet(base, '/v2/events', undefined)));
    expect(keyless.filter((r) => r.status === 401).length).toBeGreaterThanOrEqual(LIMIT.burst);
    const refused = keyless.filter((r) => r.status === 429);
    expect(refused.length).toBeGreaterThanOrEqual(20 - mostAllowedIn(Date.now() - started));
    expect(JSON.stringify(refused[0].body)).toContain('Too many requests for this client address');
    expect((await graphqlCall(gateway.url, undefined)).status).toBe(429);

    for (const path of ['/health', '/health/live', '/metrics', '/v2/openapi.yaml', '/app/']) {
      const statuses = await Promise.all(
        Array.from({ length: 20 }, async () => (await fetch(new URL(path, base))).status),
      );
      expect({ path, limited: statuses.filter((s) => s === 429).length }).toEqual({ path, limited: 0 });
    }
  });

  it('refuses a graphql-ws subscribe over the key’s limit with RATE_LIMITED, while another key subscribes', async () => {
    const [looping, other] = [await newKey('ws looping'), await newKey('ws other')];
    const connection = wsClient(gateway.url, looping);
    const connected = new Promise((resolve) => connection.on('connected', resolve));
    await connected;
    // The connect took one token: four subscribes fit in the burst of five, the rest are refused.
    const subscriptions = Array.from(
      { length: 8 },
      () => new Collector(connection, 'subscription { journeyUpdated { publishedAt } }'),
    );
    await waitFor(
      'the subscribes over the limit to be refused',
      () => subscriptions.some((s) => s.errors.length > 0),
      10_000,
    );
    await sleep(300);
    const refused = subscriptions.filter((s) => JSON.stringify(s.errors).includes('RATE_LIMITED'));
    expect(refused.length).toBeGreaterThanOrEqual(3);
    expect(subscriptions.filter((s) => s.errors.length === 0).length).toBeGreaterThanOrEqual(LIMIT.burst - 1);
    expect(JSON.stringify(refused[0].errors)).toMatch(/retryAfterSeconds":[1-9]/);

    const otherConnection = wsClient(gateway.url, other);
    const fine = new Collector(otherConnection, 'subscription { journeyUpdated { publishedAt } }');
    await sleep(500);
    expect(fine.errors).toEqual([]);

    // The key's HTTP requests and its connects share the bucket: emptied over HTTP, a new connection is closed
    // with 4429 (and a connection that is accepted fails the race: it never closes).
    await Promise.all(Array.from({ length: 2 * LIMIT.burst }, () => graphqlCall(gateway.url, looping)));
    expect(await Promise.race([closeCodeOf(gateway.url, looping), sleep(5000).then(() => 'accepted')])).toBe(4429);
    subscriptions.forEach((s) => s.stop());
    fine.stop();
    await connection.dispose();
    await otherConnection.dispose();
  });

  it('refuses an expired key with a 401 that says when it expired', async () => {
    const yesterday = new Date(Date.now() - DAY);
    const issuedEarlier = new ApiKeysRepository(store, () => new Date(yesterday.getTime() - DAY));
    const { apiKey, principal } = await issuedEarlier.create({
      role: 'PARTNER',
      orgId: 'org-rate-limits',
      name: 'expired',
      expiresAt: yesterday,
    });
    const expired = `API key ${principal.keyId} expired on ${yesterday.toISOString()}`;

    const graphql = await graphqlCall(gateway.url, apiKey);
    expect(graphql.status).toBe(401);
    expect(graphql.body.errors?.[0].message).toContain(expired);
    expect(graphql.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const partner = await partnerGet(base, '/v2/events', apiKey);
    expect(partner.status).toBe(401);
    expect(messagesOf(partner.body)).toEqual([expect.any(String)]);
    expect(messagesOf(partner.body)[0]).toContain(expired);
    expect(await closeCodeOf(gateway.url, apiKey)).toBe(4403);
  });

  it('serves both the old and the new key of a rotation during the overlap, and refuses the old one after it', async () => {
    const old = await keys.create({ role: 'PARTNER', orgId: 'org-rate-limits', name: 'rotated' });
    const rotated = await keys.rotate(old.principal.keyId, { overlapMs: 5000 });
    for (const apiKey of [old.apiKey, rotated.apiKey]) {
      expect(await graphqlCall(gateway.url, apiKey)).toMatchObject({ status: 200, body: { data: {} } });
      expect((await partnerGet(base, '/v2/events?limit=1', apiKey)).status).toBe(200);
    }
    await sleep(Date.parse(rotated.previous.expiresAt) - Date.now() + 50);
    const refused = await graphqlCall(gateway.url, old.apiKey);
    expect(refused.status).toBe(401);
    expect(refused.body.errors?.[0]?.message).toContain(
      `API key ${old.principal.keyId} expired on ${rotated.previous.expiresAt}`,
    );
    const partner = await partnerGet(base, '/v2/events?limit=1', old.apiKey);
    expect(partner.status).toBe(401);
    expect(messagesOf(partner.body)[0]).toContain(
      `API key ${old.principal.keyId} expired on ${rotated.previous.expiresAt}`,
    );
    expect(await graphqlCall(gateway.url, rotated.apiKey)).toMatchObject({ status: 200 });
    expect((await partnerGet(base, '/v2/events?limit=1', rotated.apiKey)).status).toBe(200);
  });
});

import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { ApiKeysRepository, canSee, type Principal } from '@mmt/access';
import type { JourneyUpdate } from '@mmt/contracts';
import { EventFeedRepository, toDcsaEvent, type DcsaEvent } from '@mmt/dcsa';
import { STORE } from '@mmt/platform';
import { connectStore } from '@mmt/store';
import { QUERY_LIMITS } from '../apps/gateway/src/limits/query-limits';
import { waitFor } from './support/graphql-client';
import { allowLocalCallbacks } from './support/local-callbacks';
import { baseOf, journeyUpdates, publishUpdates, rest, type RestResponse } from './support/partner-api';
import { TestPipeline } from './support/pipeline';
import { simulatedHistory, type SimulatedHistory } from './support/simulated-history';
import { recordStoreReads } from './support/store-reads';

interface ErrorBody {
  httpMethod: string;
  requestUri: string;
  statusCode: number;
  statusCodeText: string;
  errors: { reason: string; message: string }[];
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The DCSA events a history's journeys make, in the order their updates are published. */
function dcsaEventsOf(updates: readonly JourneyUpdate[]): DcsaEvent[] {
  return updates.flatMap((update) => (update.events ?? []).flatMap((event) => toDcsaEvent(event) ?? []));
}

/** The organisation that is a party to some journeys of the history, but not to all. */
function someParty(history: SimulatedHistory): string {
  const counts = new Map<string, number>();
  history.journeys.forEach((journey) => journey.orgIds.forEach((org) => counts.set(org, (counts.get(org) ?? 0) + 1)));
  return [...counts].find(([, count]) => count > 1 && count < history.journeys.length)![0];
}

/**
 * The partner API's edges, as a partner that does what DCSA says (or tries what it should not) meets them: every
 * 4xx and 5xx in DCSA's error body, keys refused with a challenge, cursors that cannot be forged, the API-Version
 * header both ways, every filter DCSA defines, one event by its id, and the link to poll for what comes next. The
 * events come through the webhooks service from journey updates on the real broker; `rest` checks every answer
 * against the committed OpenAPI document and DCSA's own.
 */
describe('partner API edges (DCSA Track & Trace 2.2)', () => {
  const pipeline = new TestPipeline('partner-edges');
  const history = simulatedHistory({ journeys: 14, seed: 61, start: '2026-01-05T08:00:00+08:00' });
  const later = simulatedHistory({ journeys: 6, seed: 62, start: '2026-01-19T08:00:00+08:00' });
  let store: Connection;
  let gatewayStore: Connection;
  let base: string;
  let portKey: string;
  let partnerKey: string;
  let partner: Principal;
  let events: DcsaEvent[];
  const feedCount = () => new EventFeedRepository(store).count();

  /** Runs `request` and returns its answer and the reads of the feed, subscriptions and attempts it caused. */
  async function withReads<T>(request: () => Promise<RestResponse<T>>) {
    const recorder = recordStoreReads(gatewayStore, ['dcsa_events', 'event_subscriptions', 'webhook_attempts']);
    try {
      return { answer: await request(), reads: recorder.reads };
    } finally {
      recorder.stop();
    }
  }

  /** The DCSA error body of an answer, checked to carry this status and, first, this reason. */
  function expectError(answer: RestResponse<unknown>, status: number, reason: string): ErrorBody {
    const body = answer.body as ErrorBody;
    expect({ status: answer.status, reason: body?.errors?.[0]?.reason }).toEqual({ status, reason });
    expect(body.statusCode).toBe(status);
    expect(answer.headers.get('API-Version')).toBe('2.2.0');
    return body;
  }

  beforeAll(async () => {
    allowLocalCallbacks();
    store = await connectStore(pipeline.config.mongodbUri);
    const keys = new ApiKeysRepository(store);
    portKey = (await keys.create({ role: 'PORT_OFFICE', orgId: 'PORT-CQ', name: 'port office' })).apiKey;
    const created = await keys.create({ role: 'PARTNER', orgId: someParty(history), name: 'partner' });
    [partnerKey, partner] = [created.apiKey, created.principal];
    await pipeline.startWebhooks({ pollMs: 200 });
    base = baseOf(await pipeline.startGateway());
    gatewayStore = (pipeline.started.at(-1) as INestApplication).get<Connection>(STORE);
    const updates = journeyUpdates(history.journeys, history.events, 2, new Date().toISOString());
    events = dcsaEventsOf(updates);
    await publishUpdates(pipeline, updates);
    const distinct = new Set(events.map((e) => e.eventID)).size;
    await waitFor('the feed to hold every event', async () => (await feedCount()) >= distinct, 60_000);
  });

  afterAll(async () => {
    await pipeline.stop(store);
    await store.close();
  });

  describe('cursors', () => {
    let cursor: string;

    beforeAll(async () => {
      const first = await rest<DcsaEvent[]>(base, 'GET', '/v2/events?limit=3', portKey);
      cursor = new URL(first.headers.get('Next-Page')!, base).searchParams.get('cursor')!;
    });

    it('follow a Next-Page link as given', async () => {
      const next = await rest<DcsaEvent[]>(base, 'GET', `/v2/events?cursor=${cursor}&limit=3`, portKey);
      expect(next.status).toBe(200);
      expect(next.body).toHaveLength(3);
    });

    it.each([
      [
        '$where in a date bound',
        b64({ r: { filter: {}, eventDateTime: { $where: 'sleep(2000) || true' } }, a: [0, ''] }),
      ],
      [
        'a nested $in in a filter',
        b64({ r: { filter: { equipmentReference: [{ $in: ['MSKU1234565'] }] } }, a: [0, ''] }),
      ],
      ['an operator for the position', b64({ r: { filter: {} }, a: { $gt: 0 } })],
      ['a payload with a made-up signature', `${b64({ f: {}, a: 0 })}.${randomBytes(32).toString('base64url')}`],
    ])('refuse a forged cursor (%s) with 400, and the store never sees it', async (_, forged) => {
      const { answer, reads } = await withReads(() =>
        rest(base, 'GET', `/v2/events?cursor=${encodeURIComponent(forged)}`, portKey),
      );
      const body = expectError(answer, 400, 'invalidQuery');
      expect(body.errors[0].message).toMatch(/cursor/);
      expect(reads).toEqual([]);
    });

    it('refuse a tampered or truncated cursor with 400, and the store never sees it', async () => {
      const flip = (text: string, at: number) =>
        `${text.slice(0, at)}${text[at] === 'A' ? 'B' : 'A'}${text.slice(at + 1)}`;
      for (const bad of [flip(cursor, 2), flip(cursor, cursor.length - 3), cursor.slice(0, -5), cursor.slice(6)]) {
        const { answer, reads } = await withReads(() => rest(base, 'GET', `/v2/events?cursor=${bad}`, portKey));
        expectError(answer, 400, 'invalidQuery');
        expect(reads).toEqual([]);
      }
    });

    it('of the subscription list and of the attempts: a bad one is a 400 too', async () => {
      const created = await rest<{ subscriptionID: string }>(base, 'POST', '/v2/event-subscriptions', partnerKey, {
        callbackUrl: 'http://127.0.0.1:9/tnt',
      });
      expect(created.status).toBe(201);
      const id = created.body.subscriptionID;
      for (const path of ['/v2/event-subscriptions', `/v2/event-subscriptions/${id}/attempts`]) {
        for (const bad of [b64({ $gt: '' }), 'not-a-cursor', `${b64('x')}.${randomBytes(32).toString('base64url')}`]) {
          const { answer, reads } = await withReads(() => rest(base, 'GET', `${path}?cursor=${bad}`, partnerKey));
          expectError(answer, 400, 'invalidQuery');
          expect(reads).toEqual([]);
        }
      }
      expect((await rest(base, 'DELETE', `/v2/event-subscriptions/${id}`, partnerKey)).status).toBe(204);
    });
  });

  it('answers a failure of the store with a generic 5xx and an id that the log line has, with the cause', async () => {
    const logged: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    const capture = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      logged.push(String(chunk));
      return write(chunk);
    });
    // The feed's page reads name their index (hint): without the indexes the store refuses the read.
    await store.collection('dcsa_events').dropIndexes();
    try {
      const answer = await rest<ErrorBody>(base, 'GET', '/v2/events?limit=5', partnerKey);
      expect(answer.status).toBeGreaterThanOrEqual(500);
      const text = JSON.stringify(answer.body);
      expect(text).not.toMatch(/hint|index|Mongo|Error:|at .*\.ts/);
      const id = /internal error \(id ([0-9a-f-]{36})\)/.exec(answer.body.errors[0].message)?.[1];
      expect(id).toBeDefined();
      await waitFor('the log line', () => Promise.resolve(logged.some((line) => line.includes(id!))), 5000);
      const line = logged.find((l) => l.includes(id!))!;
      expect(line).toMatch(/hint|index/);
    } finally {
      capture.mockRestore();
      await new EventFeedRepository(store).ensureIndexes();
    }
  });

  it('refuses a request without a valid key with 401 and a WWW-Authenticate challenge', async () => {
    const anonymous = await rest(base, 'GET', '/v2/events', undefined);
    expectError(anonymous, 401, 'unauthorized');
    expect(anonymous.headers.get('WWW-Authenticate')).toMatch(/^Bearer realm="[^"]+"/);
    const unknown = await rest(base, 'GET', '/v2/event-subscriptions', 'mmt_0000_not-a-key');
    expectError(unknown, 401, 'unauthorized');
    expect(unknown.headers.get('WWW-Authenticate')).toMatch(/^Bearer realm="[^"]+", error="invalid_token"/);
  });

  it('answers an unknown route, too large a body and malformed JSON with the DCSA error body', async () => {
    const unknown = await rest(base, 'GET', '/v2/no-such-thing?x=1', portKey);
    const body = expectError(unknown, 404, 'notFound');
    expect(body).toMatchObject({ httpMethod: 'GET', requestUri: '/v2/no-such-thing?x=1', statusCodeText: 'Not Found' });
    expectError(await rest(base, 'PATCH', '/v2/events', portKey, {}), 404, 'notFound');
    const huge = { callbackUrl: 'http://127.0.0.1:9/', padding: 'x'.repeat(QUERY_LIMITS.maxPayloadBytes) };
    expectError(await rest(base, 'POST', '/v2/event-subscriptions', portKey, huge), 413, 'payloadTooLarge');
    const malformed = await rest(base, 'POST', '/v2/event-subscriptions', portKey, undefined, {
      raw: '{"callbackUrl":',
    });
    expectError(malformed, 400, 'invalidInput');
  });

  it('refuses a date that does not exist', async () => {
    for (const date of ['2026-02-30T00:00:00Z', '2026-01-05T24:00:00Z', '2026-01-05T08:00:00+25:00', '2026-01-05']) {
      const answer = await rest(
        base,
        'GET',
        `/v2/events?eventCreatedDateTime:gte=${encodeURIComponent(date)}`,
        portKey,
      );
      expectError(answer, 400, 'invalidQuery');
    }
  });

  it('sends API-Version on every answer, a 204 included, and refuses a request for another major version', async () => {
    const created = await rest<{ subscriptionID: string }>(base, 'POST', '/v2/event-subscriptions', partnerKey, {
      callbackUrl: 'http://127.0.0.1:9/tnt',
    });
    const path = `/v2/event-subscriptions/${created.body.subscriptionID}`;
    const secret = randomBytes(32).toString('base64');
    const replaced = await rest(base, 'PUT', `${path}/secret`, partnerKey, { secret });
    expect(replaced.status).toBe(204);
    expect(replaced.headers.get('API-Version')).toBe('2.2.0');
    const removed = await rest(base, 'DELETE', path, partnerKey);
    expect(removed.status).toBe(204);
    expect(removed.headers.get('API-Version')).toBe('2.2.0');

    for (const version of ['2', '2.2', '2.2.0']) {
      const answer = await rest(base, 'GET', '/v2/events?limit=1', portKey, undefined, {
        headers: { 'API-Version': version },
      });
      expect(answer.status).toBe(200);
    }
    for (const version of ['3', '1.0.0', 'latest']) {
      const answer = await rest(base, 'GET', '/v2/events?limit=1', portKey, undefined, {
        headers: { 'API-Version': version },
      });
      const body = expectError(answer, 400, 'invalidHeader');
      expect(body.errors[0].message).toMatch(/API-Version/);
    }
  });

  it('refuses a new secret with properties other than secret', async () => {
    const created = await rest<{ subscriptionID: string }>(base, 'POST', '/v2/event-subscriptions', partnerKey, {
      callbackUrl: 'http://127.0.0.1:9/tnt',
    });
    const path = `/v2/event-subscriptions/${created.body.subscriptionID}`;
    const secret = randomBytes(32).toString('base64');
    const answer = await rest(base, 'PUT', `${path}/secret`, partnerKey, {
      secret,
      callbackUrl: 'http://127.0.0.1:8/',
    });
    expect(expectError(answer, 400, 'invalidInput').errors[0].message).toMatch(/callbackUrl/);
    expect((await rest(base, 'DELETE', path, partnerKey)).status).toBe(204);
  });

  it('accepts every filter DCSA 2.2 defines: a filter on data the platform does not hold returns no event', async () => {
    const all = await rest<DcsaEvent[]>(base, 'GET', '/v2/events?limit=1000', portKey);
    for (const filter of [
      'carrierBookingReference=ABC709951',
      'bookingReference=ABC709951',
      'carrierServiceCode=FE1',
      'transportDocumentID=9679a405-3316-42a5-8533-aba000f5689c',
      'scheduleID=9679a405-3316-42a5-8533-aba000f5689c',
    ]) {
      const answer = await rest<DcsaEvent[]>(base, 'GET', `/v2/events?${filter}`, portKey);
      expect(`${filter}: ${answer.status} ${answer.body.length}`).toBe(`${filter}: 200 0`);
    }
    const voyage = events
      .flatMap((e) => (e.eventType === 'SHIPMENT' ? [] : [e.transportCall?.exportVoyageNumber]))
      .find((v) => v !== undefined)!;
    const byNew = await rest<DcsaEvent[]>(base, 'GET', `/v2/events?exportVoyageNumber=${voyage}&limit=1000`, portKey);
    const byOld = await rest<DcsaEvent[]>(base, 'GET', `/v2/events?carrierVoyageNumber=${voyage}&limit=1000`, portKey);
    expect(byNew.body.length).toBeGreaterThan(0);
    expect(byOld.body).toEqual(byNew.body);
    const sorted = await rest<DcsaEvent[]>(base, 'GET', '/v2/events?limit=1000&sort=eventCreatedDateTime:ASC', portKey);
    expect(sorted.body).toEqual(all.body);
    const unsorted = await rest(base, 'GET', '/v2/events?sort=eventDateTime:DESC', portKey);
    expect(expectError(unsorted, 400, 'invalidQuery').errors[0].message).toMatch(/^sort: /);

    const subscribed = await rest<Record<string, unknown>>(base, 'POST', '/v2/event-subscriptions', partnerKey, {
      callbackUrl: 'http://127.0.0.1:9/tnt',
      carrierBookingReference: 'ABC709951',
      carrierServiceCode: 'FE1',
      bookingReference: 'ABC709951',
      carrierVoyageNumber: '2103S',
      transportDocumentID: '9679a405-3316-42a5-8533-aba000f5689c',
      scheduleID: '9679a405-3316-42a5-8533-aba000f5689c',
      transportEventTypeCode: 'ARRI,DEPA',
    });
    expect(subscribed.status).toBe(201);
    expect(subscribed.body).toMatchObject({
      carrierBookingReference: 'ABC709951',
      exportVoyageNumber: '2103S',
      transportEventTypeCode: ['ARRI', 'DEPA'],
    });
    const id = subscribed.body.subscriptionID as string;
    // What GET shows can be sent back to PUT, as DCSA's PUT body is the subscription.
    const shown = await rest<Record<string, unknown>>(base, 'GET', `/v2/event-subscriptions/${id}`, partnerKey);
    const updated = await rest(base, 'PUT', `/v2/event-subscriptions/${id}`, partnerKey, shown.body);
    expect(updated.status).toBe(200);
    expect((await rest(base, 'DELETE', `/v2/event-subscriptions/${id}`, partnerKey)).status).toBe(204);
  });

  it('serves one event by its eventID, to the keys that may see it', async () => {
    const own = await rest<DcsaEvent[]>(base, 'GET', '/v2/events?limit=1000', partnerKey);
    const all = await rest<DcsaEvent[]>(base, 'GET', '/v2/events?limit=1000', portKey);
    const mine = own.body[0];
    const hidden = all.body.find((event) => !own.body.some((e) => e.eventID === event.eventID))!;
    expect(hidden).toBeDefined();
    const one = await rest<DcsaEvent>(base, 'GET', `/v2/events/${mine.eventID}`, partnerKey);
    expect(one.status).toBe(200);
    expect(one.body).toEqual(mine);
    expectError(await rest(base, 'GET', `/v2/events/${hidden.eventID}`, partnerKey), 404, 'notFound');
    expect((await rest(base, 'GET', `/v2/events/${hidden.eventID}`, portKey)).body).toEqual(hidden);
    expectError(await rest(base, 'GET', '/v2/events/00000000-0000-4000-8000-000000000000', portKey), 404, 'notFound');
  });

  it('ends the last page with a Poll-Page link that returns exactly the events published since', async () => {
    const pages: DcsaEvent[] = [];
    let next: string | null = '/v2/events?limit=50';
    let last!: RestResponse<DcsaEvent[]>;
    while (next !== null) {
      last = await rest<DcsaEvent[]>(base, 'GET', next, partnerKey);
      expect(last.headers.get('Poll-Page') !== null).toBe(last.headers.get('Next-Page') === null);
      pages.push(...last.body);
      next = last.headers.get('Next-Page');
    }
    const poll = last.headers.get('Poll-Page')!;
    expect((await rest<DcsaEvent[]>(base, 'GET', poll, partnerKey)).body).toEqual([]);

    const before = await feedCount();
    const updates = journeyUpdates(later.journeys, later.events, 1, new Date().toISOString());
    const added = new Set(dcsaEventsOf(updates).map((e) => e.eventID));
    await publishUpdates(pipeline, updates);
    await waitFor('the feed to hold the later events', async () => (await feedCount()) >= before + added.size, 60_000);
    const visible = new Set(
      updates.filter((u) => canSee(partner, u.journey)).flatMap((u) => dcsaEventsOf([u]).map((e) => e.eventID)),
    );
    expect(visible.size).toBeGreaterThan(0);
    // As a partner polls: follow Next-Page while there is one, else the Poll-Page link, until nothing is missing.
    const polled: DcsaEvent[] = [];
    let link = poll;
    await waitFor(
      'the polls to bring every later event',
      async () => {
        const page = await rest<DcsaEvent[]>(base, 'GET', link, partnerKey);
        polled.push(...page.body);
        link = page.headers.get('Next-Page') ?? page.headers.get('Poll-Page')!;
        return polled.length >= visible.size;
      },
      30_000,
    );
    expect(polled.map((e) => e.eventID).sort()).toEqual([...visible].sort());
    expect(polled.some((e) => pages.some((seen) => seen.eventID === e.eventID))).toBe(false);
    expect((await rest<DcsaEvent[]>(base, 'GET', link, partnerKey)).body).toEqual([]);
    expect(pipeline.fatal).toEqual([]);
  });
});

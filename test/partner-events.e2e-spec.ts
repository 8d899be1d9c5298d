import { readFileSync } from 'node:fs';
import type { Connection } from 'mongoose';
import { ApiKeysRepository } from '@mmt/access';
import { TOPICS, type Journey, type TrackingEvent } from '@mmt/contracts';
import { EventFeedRepository, toDcsaEvent, type DcsaEvent } from '@mmt/dcsa';
import { simulate } from '@mmt/simulator';
import { connectStore } from '@mmt/store';
import { sendSimulation } from '../apps/simulator/src/send-simulation';
import { OPENAPI_FILE } from '../apps/gateway/src/partners/openapi.controller';
import { DcsaDocument } from '../libs/features/dcsa/src/testing/dcsa-document';
import { openApiDocument } from '../libs/features/dcsa/src/testing/openapi-validator';
import { drainTo } from './support/drain';
import { expectedOutcome } from './support/ground-truth';
import { waitFor } from './support/graphql-client';
import { baseOf, expectSchema, placeOf, rest } from './support/partner-api';
import { TestPipeline } from './support/pipeline';

const DRAIN_TIMEOUT_MS = 8 * 60_000;
const PARTNER = 'org-de-rheinruhr';

interface Expected {
  readonly event: DcsaEvent;
  readonly source: TrackingEvent;
  readonly journey: Journey;
}

/**
 * An event as the ground truth can know it: eventCreatedDateTime is when the feed published it (and so is a
 * shipment event's eventDateTime, as DCSA asks), which only the feed knows.
 */
function unpublished(event: DcsaEvent): Partial<DcsaEvent> {
  return {
    ...event,
    eventCreatedDateTime: undefined,
    ...(event.eventType === 'SHIPMENT' ? { eventDateTime: undefined } : {}),
  };
}

/** The feed's order: each event published after the one before it, six fractional digits, UTC. */
function expectFeedOrder(events: readonly DcsaEvent[]): void {
  const times = events.map((e) => e.eventCreatedDateTime);
  expect(times.every((time) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(time))).toBe(true);
  expect(times.every((time, i) => i === 0 || times[i - 1] < time)).toBe(true);
  const shipments = events.filter((e) => e.eventType === 'SHIPMENT');
  expect(shipments.every((e) => e.eventDateTime === e.eventCreatedDateTime)).toBe(true);
}

/**
 * `GET /v2/events` after a simulated month through the whole pipeline (raw topics, normalizer, projector,
 * webhooks service) with disorder: shuffled, duplicated, late manifests, train-level reports. The feed must hold
 * exactly the DCSA form of every event of every ground-truth journey, each page valid against the committed
 * OpenAPI document, filtered and scoped as the standard and the access model say.
 */
describe('partner events API (DCSA Track & Trace 2.2)', () => {
  const pipeline = new TestPipeline('partner-events');
  let store: Connection;
  let base: string;
  let portKey: string;
  let partnerKey: string;
  let expected: Expected[];

  /** Every event of a query, following Next-Page links; each page checked against the OpenAPI document. */
  async function allPages(apiKey: string, path: string): Promise<{ events: DcsaEvent[]; pages: number }> {
    const events: DcsaEvent[] = [];
    let next: string | null = path;
    let pages = 0;
    while (next !== null) {
      const page: Awaited<ReturnType<typeof rest<DcsaEvent[]>>> = await rest<DcsaEvent[]>(base, 'GET', next, apiKey);
      expect(page.status).toBe(200);
      expect(page.headers.get('API-Version')).toBe('2.2.0');
      expect(page.headers.get('Current-Page')).toBe(next);
      expect(page.headers.get('First-Page') !== null).toBe(pages > 0);
      page.body.forEach((event) => expectSchema('event', event));
      events.push(...page.body);
      pages += 1;
      next = page.headers.get('Next-Page');
    }
    return { events, pages };
  }

  /** The events' ids, in the feed's order after checking that order. */
  const ids = (events: readonly DcsaEvent[]) => {
    expectFeedOrder(events);
    return events.map((e) => e.eventID).sort();
  };
  const expectedIds = (keep: (e: Expected) => boolean) =>
    expected
      .filter(keep)
      .map((e) => e.event.eventID)
      .sort();

  beforeAll(async () => {
    store = await connectStore(pipeline.config.mongodbUri);
    const simulation = simulate({
      journeys: 150,
      seed: 41,
      start: '2026-03-01T08:00:00+08:00',
      shuffle: 0.2,
      duplicates: 0.1,
      lateManifests: 0.3,
      conveyanceReports: true,
      invalid: 0.01,
    });
    const outcome = expectedOutcome(simulation.validMessages);
    expected = outcome.journeys.flatMap((journey) =>
      journey.eventIds.flatMap((id) => {
        const source = outcome.events.get(id)!;
        const event = toDcsaEvent(source);
        return event === undefined ? [] : [{ event, source, journey }];
      }),
    );
    const keys = new ApiKeysRepository(store);
    portKey = (await keys.create({ role: 'PORT_OFFICE', orgId: 'PORT-CQ', name: 'port office' })).apiKey;
    partnerKey = (await keys.create({ role: 'PARTNER', orgId: PARTNER.toUpperCase(), name: 'partner' })).apiKey;
    await pipeline.start();
    await pipeline.startWebhooks();
    base = baseOf(await pipeline.startGateway());
    await sendSimulation(pipeline.kafka, pipeline.topics, simulation.messages, { rate: 0 });
    await drainTo(store, outcome, DRAIN_TIMEOUT_MS, 'partner-events');
    await pipeline.waitUntilCommittedToEnd('projector', [pipeline.topics.name(TOPICS.trackingEvents)]);
    await pipeline.waitUntilCommittedToEnd('webhooks', [pipeline.topics.name(TOPICS.journeyUpdates)]);
    const feed = new EventFeedRepository(store);
    await waitFor('the feed to hold every event', async () => (await feed.count()) >= expected.length, 60_000);
  });

  afterAll(async () => {
    await pipeline.stop(store);
    await store.close();
  });

  it("serves the port office every journey's events once, in the order published, page after page", async () => {
    expect(expected.length).toBeGreaterThan(2000);
    const { events, pages } = await allPages(portKey, '/v2/events?limit=250');
    expect(pages).toBeGreaterThan(5);
    expect(ids(events)).toEqual(expectedIds(() => true));
    const truth = new Map(expected.map((e) => [e.event.eventID, unpublished(e.event)]));
    expect(events.map(unpublished)).toEqual(events.map((e) => truth.get(e.eventID)));
    expect(new Set(events.map((e) => e.eventType))).toEqual(new Set(['TRANSPORT', 'EQUIPMENT', 'SHIPMENT']));
  });

  it('serves a partner only the events of journeys its organisation is a party to', async () => {
    const { events } = await allPages(partnerKey, '/v2/events?limit=1000');
    const own = expectedIds((e) => e.journey.orgIds.some((org) => org.toUpperCase() === PARTNER.toUpperCase()));
    expect(own.length).toBeGreaterThan(50);
    expect(own.length).toBeLessThan(expected.length / 2);
    expect(ids(events)).toEqual(own);
  });

  it('filters as DCSA 2.2 describes: AND across filters, OR within a list', async () => {
    const container = expected[Math.floor(expected.length / 2)].source.containerNo;
    const byContainer = await allPages(portKey, `/v2/events?equipmentReference=${container.toLowerCase()}&limit=7`);
    expect(ids(byContainer.events)).toEqual(expectedIds((e) => e.source.containerNo === container));

    const bill = expected.find((e) => e.source.documents.some((d) => d.type === 'BILL_OF_LADING'))!;
    const ref = bill.source.documents.find((d) => d.type === 'BILL_OF_LADING')!.ref;
    const names = (e: Expected) =>
      [...e.source.documents, ...(e.source.eventType === 'SHIPMENT' ? [e.source.document] : [])].some(
        (d) => d.ref === ref && d.type !== 'MANIFEST',
      );
    const byDocument = await allPages(portKey, `/v2/events?transportDocumentReference=${ref}`);
    expect(byDocument.events.length).toBeGreaterThan(0);
    expect(ids(byDocument.events)).toEqual(expectedIds(names));

    const arrivals = await allPages(
      partnerKey,
      '/v2/events?eventType=TRANSPORT,SHIPMENT&transportEventTypeCode=ARRI&eventClassifierCode=ACT',
    );
    expect(arrivals.events.length).toBeGreaterThan(0);
    expect(ids(arrivals.events)).toEqual(
      expectedIds(
        (e) =>
          e.journey.orgIds.includes(PARTNER) &&
          e.event.eventType === 'TRANSPORT' &&
          e.event.transportEventTypeCode === 'ARRI' &&
          e.event.eventClassifierCode === 'ACT',
      ),
    );

    // The middle third of the events at Qinzhou, by publication, to the microsecond, the lower bound given in
    // UTC+8.
    const atQinzhou = (await allPages(portKey, '/v2/events?UNLocationCode=CNQZH&limit=1000')).events;
    const from = atQinzhou[Math.floor(atQinzhou.length / 3)].eventCreatedDateTime;
    const to = atQinzhou[Math.floor((2 * atQinzhou.length) / 3)].eventCreatedDateTime;
    const fromInChina = `${new Date(Date.parse(from) + 8 * 3_600_000).toISOString().slice(0, 19)}.${from.slice(20, 26)}+08:00`;
    const window = await allPages(
      portKey,
      `/v2/events?eventCreatedDateTime:gte=${encodeURIComponent(fromInChina)}&eventCreatedDateTime:lt=${encodeURIComponent(to)}&UNLocationCode=CNQZH`,
    );
    const inWindow = atQinzhou.slice(Math.floor(atQinzhou.length / 3), Math.floor((2 * atQinzhou.length) / 3));
    expect(inWindow.length).toBeGreaterThan(0);
    expect(ids(window.events)).toEqual(ids(inWindow));
    expect(placeOf(atQinzhou[0])).toBe('CNQZH');
  });

  it('refuses a bad query with every reason, and a request without a valid key', async () => {
    const bad = await rest<{ errors: { reason: string; message: string }[] }>(
      base,
      'GET',
      '/v2/events?eventType=TRANSIT&limit=5000&colour=blue',
      portKey,
    );
    expect(bad.status).toBe(400);
    expectSchema('error', bad.body);
    expect(bad.body.errors).toEqual([
      { reason: 'invalidQuery', message: 'limit: must be a whole number from 1 to 1000, not "5000"' },
      { reason: 'invalidQuery', message: 'eventType: "TRANSIT" is not one of SHIPMENT, TRANSPORT, EQUIPMENT' },
      { reason: 'invalidQuery', message: 'colour: not a filter of this API (see /v2/openapi.yaml)' },
    ]);
    const anonymous = await rest(base, 'GET', '/v2/events', undefined);
    expect(anonymous.status).toBe(401);
    expectSchema('error', anonymous.body);
    expect((await rest(base, 'GET', '/v2/events', 'mmt_unknown')).status).toBe(401);
  });

  it("serves the committed OpenAPI document, and answers every operation of it and of DCSA's with a status it documents", async () => {
    const served = await fetch(new URL('/v2/openapi.yaml', base));
    expect(served.status).toBe(200);
    expect(served.headers.get('API-Version')).toBe('2.2.0');
    expect(await served.text()).toBe(readFileSync(OPENAPI_FILE, 'utf8'));
    const unknown = '00000000-0000-4000-8000-000000000000';
    const known = (await rest<DcsaEvent[]>(base, 'GET', '/v2/events?limit=1', portKey)).body[0].eventID;
    const own = Object.entries(openApiDocument().paths).flatMap(([path, item]) =>
      Object.keys(item).flatMap((method) => (method === 'parameters' ? [] : [`${method} ${path}`])),
    );
    const dcsa = new DcsaDocument().operations();
    // DCSA's operations are all the platform's; the platform adds resume and attempts.
    expect(dcsa.filter((operation) => !own.includes(operation))).toEqual([]);
    expect(own).toHaveLength(10);
    const seen = new Map<string, number>();
    for (const operation of own) {
      const [method, path] = operation.split(' ');
      const body = method === 'get' || method === 'delete' ? undefined : {};
      for (const eventID of path.includes('{eventID}') ? [known, unknown] : [unknown]) {
        // rest() checks the status is documented and the body matches both documents.
        const answer = await rest(
          base,
          method.toUpperCase(),
          path.replace('{subscriptionID}', unknown).replace('{eventID}', eventID),
          portKey,
          body,
        );
        seen.set(`${operation} ${answer.status}`, answer.status);
      }
    }
    expect([...seen.keys()].sort()).toEqual([
      'delete /v2/event-subscriptions/{subscriptionID} 404',
      'get /v2/event-subscriptions 200',
      'get /v2/event-subscriptions/{subscriptionID} 404',
      'get /v2/event-subscriptions/{subscriptionID}/attempts 404',
      'get /v2/events 200',
      'get /v2/events/{eventID} 200',
      'get /v2/events/{eventID} 404',
      'post /v2/event-subscriptions 400',
      'post /v2/event-subscriptions/{subscriptionID}/resume 404',
      'put /v2/event-subscriptions/{subscriptionID} 400',
      'put /v2/event-subscriptions/{subscriptionID}/secret 400',
    ]);
    expect(pipeline.fatal).toEqual([]);
  });
});

import { createHash } from 'node:crypto';
import type { Client } from 'graphql-ws';
import type { Connection } from 'mongoose';
import { ApiKeysRepository } from '@mmt/access';
import {
  conveyanceKey,
  groupByContainer,
  type Conveyance,
  type DocumentRef,
  type Journey,
  type JourneyUpdate,
  type RetractionEvent,
  type TrackingEvent,
} from '@mmt/contracts';
import { foldJourneys } from '@mmt/journey';
import { Prng } from '@mmt/simulator';
import { connectStore, EventLogRepository, JourneysRepository } from '@mmt/store';
import { RATE_LIMIT_OFF } from '../apps/gateway/src/limits/rate-limit';
import { Collector, query, waitFor, wsClient, type GraphQLResult } from './support/graphql-client';
import { publishUpdates } from './support/partner-api';
import { TestPipeline } from './support/pipeline';
import { simulatedHistory } from './support/simulated-history';

/**
 * Partner isolation, probed the way an outside partner would: with a PARTNER key (spelled as the documents spell
 * the organisation, and upper-cased), every query and subscription of the schema over hundreds of containers,
 * documents and conveyances of other organisations. No answer may hold a document ref, raw ref, organisation id,
 * event id, journey id or container number that belongs only to journeys the partner is not a party to.
 *
 * The store is seeded through the repositories with simulated traffic plus what makes isolation hard: containers
 * that carry a journey of the partner and a journey of another organisation, retractions on both, and documents
 * that spell the partner's organisation id in another case. The subscriptions get one update per journey on the
 * journey-update topic, as the projector publishes them (causedBy: every event of the container's batch).
 */
const PARTNER_ORG = 'org-de-rheinruhr';
const JOURNEYS = 1700;
/** Other organisations' containers ride on one of this many variants of each conveyance (variant 0 is shared). */
const CONVEYANCE_VARIANTS = 5;
const SHARED_CONTAINERS = 80;
const PROBES = 500;
const CONCURRENCY = 16;
const PUBLISHED_AT = '2026-06-01T00:00:00.000Z';

const PLACE = 'place { locode facility }';
const CONVEYANCE = 'conveyance { mode key trainNo departureDate imo voyage name plate }';
const DOCUMENT = 'documents { type ref }';
const JOURNEY = `journeyId containerNo corridor origin { locode facility } destination { locode facility } ${DOCUMENT}
  documentStatuses { document { type ref } status } parties { role orgId name } status currentPlace { locode facility }
  legs { mode ${CONVEYANCE} from { locode facility } to { locode facility } plannedDeparture estimatedDeparture
    actualDeparture plannedArrival estimatedArrival actualArrival }
  milestones { code classifier at ${PLACE} ${CONVEYANCE} eventId sourceSystem }
  plannedArrival eta delayMinutes dwell { ${PLACE} arrivedAt departedAt minutes } customs holds coldChain isoSizeType
  startedAt lastEventAt version`;
const ENTRY = `eventId eventType code classifier eventDateTime receivedAt sourceSystem rawKind rawRef ${PLACE}
  ${CONVEYANCE} ${DOCUMENT} retractsEventId`;

const isPartner = (orgId: string) => orgId.toLowerCase() === PARTNER_ORG;
const partyOf = (journey: Journey) => journey.orgIds.some(isPartner);
const docKey = (d: DocumentRef) => `${d.type}:${d.ref}`;

function newId(...parts: string[]): string {
  return createHash('sha256').update(parts.join('|')).digest('hex').slice(0, 32);
}

/** Every document an event names. */
function documentsOf(event: TrackingEvent): DocumentRef[] {
  return [...event.documents, ...(event.eventType === 'SHIPMENT' ? [event.document] : [])];
}

/** The identifying strings of an event: what must not reach a caller who is no party to its journey. */
function eventTokens(event: TrackingEvent): string[] {
  return [
    event.eventId,
    event.source.rawRef,
    ...documentsOf(event).map((d) => d.ref),
    ...(event.eventType === 'SHIPMENT' ? event.parties.flatMap((p) => [p.orgId, p.name]) : []),
    ...(event.eventType === 'RETRACTION' ? [event.retractsEventId] : []),
  ];
}

/** The identifying strings of a journey. */
function journeyTokens(journey: Journey): string[] {
  return [
    journey.journeyId,
    journey.containerNo,
    ...journey.documents.map((d) => d.ref),
    ...journey.orgIds,
    ...journey.parties.flatMap((p) => [p.orgId, p.name]),
    ...journey.eventIds,
    ...journey.milestones.map((m) => m.eventId),
  ];
}

/** Every string in a value, however deep. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') {
    out.push(value);
  } else if (Array.isArray(value)) {
    value.forEach((item) => strings(item, out));
  } else if (value !== null && typeof value === 'object') {
    Object.values(value).forEach((item) => strings(item, out));
  }
  return out;
}

async function inParallel<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < items.length) {
        await work(items[next++]);
      }
    }),
  );
}

function sample<T>(prng: Prng, items: readonly T[], count: number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = prng.int(0, i);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, count);
}

/** A retraction of `target`, as the normalizer makes one from a message with retractsMessageId. */
function retractionOf(target: TrackingEvent, tag: string): RetractionEvent {
  return {
    eventId: newId('retraction', tag, target.eventId),
    eventType: 'RETRACTION',
    retractsEventId: target.eventId,
    classifier: target.classifier,
    eventDateTime: target.eventDateTime,
    eventCreatedDateTime: target.eventCreatedDateTime,
    receivedAt: new Date(Date.parse(target.receivedAt) + 3_600_000).toISOString(),
    source: { ...target.source, rawRef: `retraction/${tag}/${target.eventId}` },
    containerNo: target.containerNo,
    documents: target.documents,
  };
}

/** An event worth retracting: one that names a document and is not the journey's own shipment event. */
function retractable(events: readonly TrackingEvent[]): TrackingEvent | undefined {
  return (
    events.find((e) => e.eventType !== 'SHIPMENT' && e.documents.length > 0) ??
    events.find((e) => e.eventType === 'SHIPMENT' && e.document.type === 'MANIFEST')
  );
}

function variantConveyance(conveyance: Conveyance, variant: number): Conveyance {
  switch (conveyance.mode) {
    case 'RAIL':
      return { ...conveyance, trainNo: `${conveyance.trainNo}V${variant}` };
    case 'VESSEL':
      return { ...conveyance, voyage: `${conveyance.voyage}V${variant}` };
    case 'BARGE':
      return { ...conveyance, voyage: `${conveyance.voyage}V${variant}` };
    case 'TRUCK':
      return { ...conveyance, plate: `${conveyance.plate}V${variant}` };
  }
}

/** The seeded store: simulated journeys, plus shared containers, retractions and re-spelled organisation ids. */
function seed() {
  const history = simulatedHistory({ journeys: JOURNEYS, seed: 41, start: '2026-03-02T08:00:00+08:00' });
  const byContainer = groupByContainer(history.events);
  const ours = history.journeys.filter(partyOf);
  const theirs = history.journeys.filter((j) => !partyOf(j));

  // A third of the partner's journeys name it upper-cased, as another source system may spell it.
  const respelled = new Set(ours.filter((_, i) => i % 3 === 0).map((j) => j.containerNo));
  // Other organisations' containers spread over variants of each conveyance: many conveyances of theirs alone,
  // and (variant 0) conveyances that also carry the partner's containers.
  const oursContainers = new Set(ours.map((j) => j.containerNo));
  const variantOf = (containerNo: string) =>
    oursContainers.has(containerNo) ? 0 : parseInt(newId(containerNo).slice(0, 4), 16) % CONVEYANCE_VARIANTS;
  const events: TrackingEvent[] = history.events.map((event) => {
    const variant = variantOf(event.containerNo);
    const conveyance = event.eventType === 'RETRACTION' ? undefined : event.conveyance;
    const moved =
      conveyance === undefined || variant === 0
        ? event
        : { ...event, conveyance: variantConveyance(conveyance, variant) };
    return moved.eventType === 'SHIPMENT' && respelled.has(moved.containerNo)
      ? {
          ...moved,
          parties: moved.parties.map((p) => (isPartner(p.orgId) ? { ...p, orgId: p.orgId.toUpperCase() } : p)),
        }
      : moved;
  });

  // Shared containers: a journey of another organisation, under documents of its own, on a partner's container.
  const shared: string[] = [];
  const retractions: RetractionEvent[] = [];
  for (let i = 0; i < SHARED_CONTAINERS && i < ours.length; i += 1) {
    const mine = ours[i];
    const mineDocs = new Set(mine.documents.map(docKey));
    const other = theirs.find(
      (j, k) => k % SHARED_CONTAINERS === i % SHARED_CONTAINERS && j.documents.every((d) => !mineDocs.has(docKey(d))),
    );
    if (other === undefined) {
      continue;
    }
    const copies: TrackingEvent[] = (byContainer.get(other.containerNo) ?? [])
      .filter((e) => documentsOf(e).length > 0 && documentsOf(e).every((d) => !mineDocs.has(docKey(d))))
      .map((e) => ({
        ...e,
        eventId: newId(e.eventId, mine.containerNo),
        containerNo: mine.containerNo,
        // Later than the partner's journey, so that the two never share a time window.
        eventDateTime: new Date(Date.parse(e.eventDateTime) + 90 * 86_400_000).toISOString(),
      }));
    events.push(...copies);
    shared.push(mine.containerNo);
    const theirTarget = retractable(copies);
    const ourTarget = retractable(byContainer.get(mine.containerNo) ?? []);
    if (theirTarget !== undefined) {
      retractions.push(retractionOf(theirTarget, `theirs-${i}`));
    }
    if (ourTarget !== undefined) {
      retractions.push(retractionOf(ourTarget, `ours-${i}`));
    }
  }

  // Who each event belongs to: its journey, or, for a withdrawn event, the journey it was in before; a
  // retraction belongs to the journey of the event it withdraws.
  const before = foldJourneys(events);
  const journeys = foldJourneys([...events, ...retractions]);
  const ownerBefore = new Map(before.flatMap((j) => j.eventIds.map((id) => [id, j] as const)));
  const ownerAfter = new Map(journeys.flatMap((j) => j.eventIds.map((id) => [id, j] as const)));
  const all = [...events, ...retractions];
  const ownerOf = (event: TrackingEvent): Journey | undefined =>
    event.eventType === 'RETRACTION'
      ? (ownerAfter.get(event.retractsEventId) ?? ownerBefore.get(event.retractsEventId))
      : (ownerAfter.get(event.eventId) ?? ownerBefore.get(event.eventId));

  const allowed = new Set<string>();
  const theirTokens = new Set<string>();
  for (const journey of journeys) {
    journeyTokens(journey).forEach((t) => (partyOf(journey) ? allowed : theirTokens).add(t));
  }
  for (const event of all) {
    const owner = ownerOf(event);
    eventTokens(event).forEach((t) => (owner !== undefined && partyOf(owner) ? allowed : theirTokens).add(t));
  }
  const forbidden = new Set([...theirTokens].filter((t) => !allowed.has(t)));
  return { events: all, journeys, shared, retractions, forbidden, ownerOf };
}

type Seeded = ReturnType<typeof seed>;

describe('Partner isolation on every query and subscription (real Kafka, real store, graphql-ws)', () => {
  const pipeline = new TestPipeline('isolation');
  const prng = new Prng(8);
  let store: Connection;
  let seeded: Seeded;
  let url: string;
  /** The partner's key as the documents spell the organisation, and the same organisation upper-cased. */
  const keys: { name: string; apiKey: string }[] = [];
  const clients: Client[] = [];
  const leaks: string[] = [];
  /** The partner's own journeys it was not shown. */
  const unexpected: string[] = [];
  let ours: Journey[];
  let theirs: Journey[];

  /** Records every forbidden string in `data`, with where it was found. */
  function inspect(where: string, data: unknown): void {
    for (const text of strings(data)) {
      if (seeded.forbidden.has(text)) {
        leaks.push(`${where}: ${text}`);
      }
    }
  }

  async function ask<T>(key: string, text: string, variables: Record<string, unknown>): Promise<GraphQLResult<T>> {
    const result = await query<T>(url, key, text, variables);
    const codes = (result.errors ?? []).map((e) => e.extensions?.code);
    expect(codes.filter((c) => c !== 'NOT_FOUND')).toEqual([]);
    return result;
  }

  beforeAll(async () => {
    seeded = seed();
    ours = seeded.journeys.filter(partyOf);
    theirs = seeded.journeys.filter((j) => !partyOf(j));
    store = await connectStore(pipeline.config.mongodbUri);
    const journeys = new JourneysRepository(store);
    const eventLog = new EventLogRepository(store);
    await Promise.all([journeys.ensureIndexes(), eventLog.ensureIndexes()]);
    await journeys.saveAll(seeded.journeys);
    await eventLog.append(seeded.events);
    const apiKeys = new ApiKeysRepository(store);
    for (const orgId of [PARTNER_ORG, PARTNER_ORG.toUpperCase()]) {
      const { apiKey } = await apiKeys.create({ role: 'PARTNER', orgId, name: 'Rhein-Ruhr platform' });
      keys.push({ name: orgId, apiKey });
    }
    // Thousands of queries per key, 16 at a time: far past any per-key rate limit, which is not under test here.
    url = await pipeline.startGateway({ rateLimit: RATE_LIMIT_OFF });
  }, 10 * 60_000);

  beforeEach(() => {
    leaks.length = 0;
    unexpected.length = 0;
  });

  afterAll(async () => {
    clients.forEach((c) => void c.dispose());
    await pipeline.stop(store);
    await store.close();
  }, 5 * 60_000);

  it('seeds what makes isolation hard: shared containers, retractions on both sides, re-spelled organisation ids', () => {
    expect(seeded.shared.length).toBeGreaterThanOrEqual(50);
    const sharedWithTheirs = seeded.shared.filter((c) =>
      seeded.journeys.some((j) => j.containerNo === c && !partyOf(j)),
    );
    expect(sharedWithTheirs.length).toBeGreaterThanOrEqual(50);
    const theirRetractions = seeded.retractions.filter((r) => {
      const owner = seeded.ownerOf(r);
      return owner !== undefined && !partyOf(owner) && sharedWithTheirs.includes(r.containerNo);
    });
    expect(theirRetractions.length).toBeGreaterThanOrEqual(50);
    expect(ours.some((j) => j.orgIds.includes(PARTNER_ORG.toUpperCase()))).toBe(true);
    expect(ours.some((j) => j.orgIds.includes(PARTNER_ORG))).toBe(true);
    expect(seeded.forbidden.size).toBeGreaterThan(10_000);
  });

  it(
    'answers journey, journeysByDocument, journeysByConveyance and timeline with nothing of other organisations',
    async () => {
      const oursContainers = new Set(ours.map((j) => j.containerNo));
      const theirContainers = [...new Set(theirs.map((j) => j.containerNo))];
      const theirDocuments = [
        ...new Map(
          theirs.flatMap((j) => j.documents.map((d) => [docKey(d), { d, containerNo: j.containerNo }] as const)),
        ).values(),
      ];
      const theirConveyances = [...new Set(theirs.flatMap((j) => j.legs.map((leg) => conveyanceKey(leg.conveyance))))];
      const containers = [...seeded.shared, ...sample(prng, theirContainers, PROBES)];
      const documents = sample(prng, theirDocuments, PROBES);
      const conveyances = sample(prng, theirConveyances, PROBES);
      expect(theirContainers.length).toBeGreaterThanOrEqual(PROBES);
      expect(documents.length).toBe(PROBES);
      expect(conveyances.length).toBeGreaterThanOrEqual(PROBES);

      for (const { name, apiKey } of keys) {
        await inParallel(containers, async (containerNo) => {
          const one = await ask<{ journey: Journey | null }>(
            apiKey,
            `query ($c: ContainerNumber!) { journey(containerNo: $c) { ${JOURNEY} } }`,
            {
              c: containerNo,
            },
          );
          inspect(`${name} journey(${containerNo})`, one.data);
          if ((one.data?.journey !== undefined && one.data?.journey !== null) !== oursContainers.has(containerNo)) {
            unexpected.push(`${name} journey(${containerNo}) ${one.data?.journey ? 'found' : 'not found'}`);
          }
          let after: string | null = null;
          do {
            const page: GraphQLResult<{
              timeline: { nodes: unknown[]; endCursor: string | null; hasNextPage: boolean };
            }> = await ask(
              apiKey,
              `query ($c: ContainerNumber!, $after: String) { timeline(containerNo: $c, first: 200, after: $after) {
                 nodes { ${ENTRY} } endCursor hasNextPage } }`,
              { c: containerNo, after },
            );
            inspect(`${name} timeline(${containerNo})`, page.data);
            after = page.data?.timeline.hasNextPage ? page.data.timeline.endCursor : null;
          } while (after !== null);
        });
        await inParallel(documents, async ({ d, containerNo }) => {
          const byDocument = await ask(
            apiKey,
            `query ($d: DocumentInput!) { journeysByDocument(document: $d) { ${JOURNEY} } }`,
            { d },
          );
          inspect(`${name} journeysByDocument(${docKey(d)})`, byDocument.data);
          const under = await ask(
            apiKey,
            `query ($c: ContainerNumber!, $d: DocumentInput!) { journey(containerNo: $c, document: $d) { ${JOURNEY} } }`,
            { c: containerNo, d },
          );
          inspect(`${name} journey(${containerNo}, ${docKey(d)})`, under.data);
        });
        await inParallel(conveyances, async (key) => {
          const result = await ask(
            apiKey,
            `query ($k: String!) { journeysByConveyance(conveyanceKey: $k) { ${JOURNEY} } }`,
            {
              k: key,
            },
          );
          inspect(`${name} journeysByConveyance(${key})`, result.data);
        });
      }
      expect(leaks.slice(0, 20)).toEqual([]);
      expect(unexpected.slice(0, 20)).toEqual([]);
    },
    10 * 60_000,
  );

  it('shows a partner the whole timeline of its journeys, retractions of its own included, on a shared container', async () => {
    for (const { apiKey } of keys) {
      for (const containerNo of seeded.shared.slice(0, 20)) {
        const result = await ask<{ timeline: { nodes: { eventId: string }[] } }>(
          apiKey,
          'query ($c: ContainerNumber!) { timeline(containerNo: $c, first: 200) { nodes { eventId } } }',
          { c: containerNo },
        );
        const got = new Set(result.data?.timeline.nodes.map((n) => n.eventId));
        const live = ours.filter((j) => j.containerNo === containerNo).flatMap((j) => j.eventIds);
        const ownRetractions = seeded.retractions
          .filter((r) => r.containerNo === containerNo && partyOf(seeded.ownerOf(r)!))
          .map((r) => r.eventId);
        expect([...live, ...ownRetractions].filter((id) => !got.has(id))).toEqual([]);
      }
    }
  });

  it(
    'lists exactly the partner journeys, whatever the case of the key or the documents, under every filter',
    async () => {
      const filters: Record<string, unknown>[] = [
        {},
        ...['CHINA_EUROPE_RAIL', 'LAND_SEA_CORRIDOR', 'YANGTZE_RIVER_SEA'].map((corridor) => ({ corridor })),
        ...['PLANNED', 'AT_ORIGIN', 'IN_TRANSIT', 'AT_HUB', 'ARRIVED', 'COMPLETED', 'CANCELLED'].map((status) => ({
          status,
        })),
        { delayedOnly: true },
        ...[...new Set(theirs.flatMap((j) => (j.currentPlace ? [j.currentPlace.locode] : [])))].map((place) => ({
          place,
        })),
      ];
      for (const { name, apiKey } of keys) {
        for (const filter of filters) {
          const ids: string[] = [];
          let after: string | null = null;
          do {
            const page: GraphQLResult<{
              journeys: { nodes: { journeyId: string }[]; endCursor: string | null; hasNextPage: boolean };
            }> = await ask(
              apiKey,
              `query ($f: JourneyFilter, $after: String) { journeys(filter: $f, first: 100, after: $after) {
               nodes { ${JOURNEY} } endCursor hasNextPage } }`,
              { f: filter, after },
            );
            inspect(`${name} journeys(${JSON.stringify(filter)})`, page.data);
            ids.push(...(page.data?.journeys.nodes.map((n) => n.journeyId) ?? []));
            after = page.data?.journeys.hasNextPage ? page.data.journeys.endCursor : null;
          } while (after !== null);
          if (Object.keys(filter).length === 0) {
            expect({ name, ids: ids.sort() }).toEqual({ name, ids: ours.map((j) => j.journeyId).sort() });
          }
        }
      }
      expect(leaks.slice(0, 20)).toEqual([]);
    },
    5 * 60_000,
  );

  it(
    'streams journeyUpdated and trackingEvents with nothing of other organisations',
    async () => {
      const portKey = (
        await new ApiKeysRepository(store).create({ role: 'PORT_OFFICE', orgId: 'PORT-CQ', name: 'Port office' })
      ).apiKey;
      const theirContainers = sample(prng, [...new Set(theirs.map((j) => j.containerNo))], 300);
      const theirDocuments = sample(
        prng,
        theirs.flatMap((j) => j.documents.map((d) => ({ type: d.type, ref: d.ref }))),
        300,
      );
      const subscriptions = [
        `journeyUpdated { journey { ${JOURNEY} } causedBy publishedAt }`,
        `journeyUpdated(containerNos: $containers) { journey { ${JOURNEY} } causedBy publishedAt }`,
        `journeyUpdated(documents: $documents) { journey { ${JOURNEY} } causedBy publishedAt }`,
        `trackingEvents { cursor containerNo journeyId corridor event { ${ENTRY} } }`,
        `trackingEvents(filter: { containerNos: $containers }) { cursor containerNo journeyId corridor event { ${ENTRY} } }`,
      ];
      const text = (selection: string) => {
        const variables = [
          ...(selection.includes('$containers') ? ['$containers: [ContainerNumber!]'] : []),
          ...(selection.includes('$documents') ? ['$documents: [DocumentInput!]'] : []),
        ];
        return `subscription ${variables.length > 0 ? `(${variables.join(', ')})` : ''} { ${selection} }`;
      };
      const variables = { containers: [...seeded.shared, ...theirContainers], documents: theirDocuments };
      const partnerCollectors: { name: string; collector: Collector<Record<string, unknown>> }[] = [];
      for (const { name, apiKey } of keys) {
        const connection = wsClient(url, apiKey);
        clients.push(connection);
        subscriptions.forEach((s, i) =>
          partnerCollectors.push({ name: `${name} #${i}`, collector: new Collector(connection, text(s), variables) }),
        );
      }
      const port = wsClient(url, portKey);
      clients.push(port);
      const portUpdates = new Collector<Record<string, unknown>>(
        port,
        'subscription { journeyUpdated { publishedAt } }',
      );
      const portEvents = new Collector<Record<string, unknown>>(port, 'subscription { trackingEvents { cursor } }');
      await new Promise((resolve) => setTimeout(resolve, 4000)); // the stream consumers join their groups

      // One update per journey, as the projector publishes a batch: causedBy names every event of the container's
      // batch; a quarter leave their events out (omittedEventIds), as an update over the message limit does.
      const eventsById = new Map(seeded.events.map((e) => [e.eventId, e]));
      const containerEvents = new Map<string, string[]>();
      for (const event of seeded.events) {
        containerEvents.set(event.containerNo, [...(containerEvents.get(event.containerNo) ?? []), event.eventId]);
      }
      const updates = seeded.journeys.map((journey, i): JourneyUpdate => {
        const causedBy = containerEvents.get(journey.containerNo) ?? [];
        return i % 4 === 3
          ? { journey, causedBy, omittedEventIds: journey.eventIds, publishedAt: PUBLISHED_AT }
          : { journey, causedBy, events: journey.eventIds.map((id) => eventsById.get(id)!), publishedAt: PUBLISHED_AT };
      });
      await publishUpdates(pipeline, updates);
      const streamed = updates.reduce((sum, u) => sum + u.journey.eventIds.length, 0);
      await waitFor(
        'the port office to get every update and event',
        () => {
          return portUpdates.items.length >= updates.length && portEvents.items.length >= streamed;
        },
        300_000,
      ).catch((error: Error) => {
        throw new Error(
          `${error.message}: ${portUpdates.items.length}/${updates.length} updates, ${portEvents.items.length}/${streamed} events; errors ${JSON.stringify([...portUpdates.errors, ...portEvents.errors]).slice(0, 500)}`,
        );
      });
      const ownUpdates = updates.filter((u) => partyOf(u.journey)).length;
      await waitFor(
        'the partner subscribers to get their updates',
        () =>
          partnerCollectors.every(
            ({ name, collector }) => !name.endsWith('#0') || collector.items.length >= ownUpdates,
          ),
        30_000,
      ).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 2000));

      for (const { name, collector } of partnerCollectors) {
        expect({ name, errors: collector.errors }).toEqual({ name, errors: [] });
        collector.items.forEach((item) => inspect(`subscription ${name}`, item));
      }
      expect(leaks.slice(0, 20)).toEqual([]);
      // Positive: each key gets every update of the partner's journeys, however the documents spell its id.
      for (const { name, collector } of partnerCollectors.filter((c) => c.name.endsWith('#0'))) {
        const got = collector.items.map(
          (i) => (i.journeyUpdated as { journey: { journeyId: string } }).journey.journeyId,
        );
        expect({ name, got: got.sort() }).toEqual({ name, got: ours.map((j) => j.journeyId).sort() });
      }
    },
    9 * 60_000,
  );
});

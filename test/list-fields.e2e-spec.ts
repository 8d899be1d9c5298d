import type { INestApplication } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { ApiKeysRepository } from '@mmt/access';
import { conveyanceKey } from '@mmt/contracts';
import { STORE } from '@mmt/platform';
import { connectStore, JourneysRepository } from '@mmt/store';
import { query } from './support/graphql-client';
import { TestPipeline } from './support/pipeline';
import { simulatedHistory } from './support/simulated-history';
import { recordStoreReads, type StoreRead } from './support/store-reads';

/**
 * Lists and searches read what their GraphQL selection asks for, not whole journeys: on a real gateway against the
 * real store, the projection of each `journeys` read names only the fields selected (fragments included) and the
 * few a list is judged on, and the answers are those of a read of whole journeys.
 */
const FULL = `journeyId containerNo status corridor coldChain documents { type ref } currentPlace { locode }
  latestMovement { code at } legs { mode conveyance { key } } milestones { code at eventId }`;

describe('List and search reads fetch the fields asked for (real gateway, real store)', () => {
  const pipeline = new TestPipeline('list-fields');
  const history = simulatedHistory({ journeys: 24, seed: 17, start: '2026-05-04T08:00:00+08:00' });
  let store: Connection;
  let gatewayStore: Connection;
  let url: string;
  let key: string;

  beforeAll(async () => {
    store = await connectStore(pipeline.config.mongodbUri);
    key = (await new ApiKeysRepository(store).create({ role: 'PORT_OFFICE', orgId: 'PORT-CQ', name: 'Port office' }))
      .apiKey;
    await new JourneysRepository(store).saveAll(history.journeys);
    url = await pipeline.startGateway();
    gatewayStore = (pipeline.started.at(-1) as INestApplication).get<Connection>(STORE);
  });

  afterAll(async () => {
    await pipeline.stop(store);
    await store.close();
  });

  /** The answer to `text`, and the projections of the reads of `journeys` it made. */
  async function answered<T>(text: string): Promise<{ data: T; projections: Record<string, number>[] }> {
    const recorder = recordStoreReads(gatewayStore, ['journeys']);
    try {
      const { data, errors } = await query<T>(url, key, text);
      expect(errors).toBeUndefined();
      const projections = recorder.reads.map((read: StoreRead) => {
        const options = read.options as { projection?: Record<string, number> } | undefined;
        return options?.projection ?? {};
      });
      return { data: data!, projections };
    } finally {
      recorder.stop();
    }
  }

  type Page = { journeys: { nodes: Record<string, unknown>[] } };

  it('reads a page of ids and statuses without milestones, legs or parties, and answers as a whole read does', async () => {
    const narrow = await answered<Page>('{ journeys(first: 20) { nodes { journeyId status } } }');
    expect(narrow.projections.length).toBeGreaterThan(0);
    for (const projection of narrow.projections) {
      expect(projection).toMatchObject({ journeyId: 1, status: 1 });
      expect(['milestones', 'legs', 'parties', 'dwell'].filter((field) => field in projection)).toEqual([]);
    }
    const whole = await answered<Page>(`{ journeys(first: 20) { nodes { ${FULL} } } }`);
    expect(narrow.data.journeys.nodes).toEqual(
      whole.data.journeys.nodes.map((j) => ({ journeyId: j.journeyId, status: j.status })),
    );
  });

  it("reads the milestones that a fragment's latestMovement needs, and the same movement as a whole read", async () => {
    const fragment = await answered<Page>(
      '{ journeys(first: 20) { nodes { ...Moved } } } fragment Moved on Journey { journeyId latestMovement { code at } }',
    );
    for (const projection of fragment.projections) {
      expect(projection).toMatchObject({ milestones: 1 });
      expect('legs' in projection).toBe(false);
    }
    const whole = await answered<Page>(`{ journeys(first: 20) { nodes { ${FULL} } } }`);
    expect(fragment.data.journeys.nodes).toEqual(
      whole.data.journeys.nodes.map((j) => ({ journeyId: j.journeyId, latestMovement: j.latestMovement })),
    );
  });

  it('reads a search by document or by conveyance with the fields asked for, and answers as a whole read does', async () => {
    const journey = history.journeys.find((j) => j.legs.length > 0 && j.documents.length > 0)!;
    const document = `{ type: ${journey.documents[0].type}, ref: "${journey.documents[0].ref}" }`;
    const conveyance = `"${conveyanceKey(journey.legs[0].conveyance)}"`;
    type Found = { journeysByDocument: Record<string, unknown>[]; journeysByConveyance: Record<string, unknown>[] };
    const narrow = await answered<Found>(
      `{ journeysByDocument(document: ${document}) { journeyId eta }
         journeysByConveyance(conveyanceKey: ${conveyance}) { journeyId eta } }`,
    );
    expect(narrow.projections).toHaveLength(2);
    for (const projection of narrow.projections) {
      expect(projection).toMatchObject({ journeyId: 1, eta: 1 });
      expect(['milestones', 'legs'].filter((field) => field in projection)).toEqual([]);
    }
    const whole = await answered<Found>(
      `{ journeysByDocument(document: ${document}) { journeyId eta ${FULL} }
         journeysByConveyance(conveyanceKey: ${conveyance}) { journeyId eta ${FULL} } }`,
    );
    const idAndEta = (j: Record<string, unknown>) => ({ journeyId: j.journeyId, eta: j.eta });
    expect(whole.data.journeysByConveyance.length).toBeGreaterThan(0);
    expect(narrow.data).toEqual({
      journeysByDocument: whole.data.journeysByDocument.map(idAndEta),
      journeysByConveyance: whole.data.journeysByConveyance.map(idAndEta),
    });
  });
});

import type { Connection } from 'mongoose';
import { ApiKeysRepository } from '@mmt/access';
import { connectStore } from '@mmt/store';
import { Collector, waitFor, wsClient } from './support/graphql-client';
import { journeyUpdates, publishUpdates } from './support/partner-api';
import { TestPipeline } from './support/pipeline';
import { simulatedHistory } from './support/simulated-history';

type Streamed = { trackingEvents: { event: { eventId: string } } };
type Updated = { journeyUpdated: { journey: { journeyId: string } } };

/** Holds this process's event loop, as a long garbage collection or a heavy request would. */
function blockEventLoop(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // busy: no heartbeat leaves the gateway's stream consumers meanwhile
  }
}

/**
 * A `trackingEvents` stream, or the gateway's `journeyUpdated` feed, whose Kafka consumer loses its group
 * membership (its heartbeats stopped for longer than the session timeout) must go on from where it stood, not from
 * the latest offsets (where a consumer with nothing committed starts): a rejoin would otherwise skip every update
 * published while it was out.
 */
describe('trackingEvents and journeyUpdated across a consumer rejoin (real Kafka)', () => {
  const pipeline = new TestPipeline('stream-rejoin');
  let store: Connection;
  let stream: Collector<Streamed>;
  let updated: Collector<Updated>;

  beforeAll(async () => {
    store = await connectStore(pipeline.config.mongodbUri);
    await pipeline.start();
    const url = await pipeline.startGateway();
    const key = (await new ApiKeysRepository(store).create({ role: 'PORT_OFFICE', orgId: 'PORT-CQ', name: 'port' }))
      .apiKey;
    const client = wsClient(url, key);
    stream = new Collector<Streamed>(client, 'subscription { trackingEvents { event { eventId } } }');
    updated = new Collector<Updated>(client, 'subscription { journeyUpdated { journey { journeyId } } }');
    await new Promise((resolve) => setTimeout(resolve, 4000)); // the stream's consumer joins its group
  });

  afterAll(async () => {
    stream.stop();
    updated.stop();
    await pipeline.stop(store);
    await store.close();
  });

  it('delivers every event and update published while its consumers were out of their groups', async () => {
    const history = simulatedHistory({ journeys: 20, seed: 8, start: '2026-01-12T08:00:00+08:00' });
    const updates = journeyUpdates(history.journeys, history.events, 1, new Date().toISOString());
    // 12 s without a heartbeat: past the consumers' 10 s session, the broker drops them from their groups. Nothing
    // was committed yet, so a consumer that simply rejoined would start at the latest offsets.
    blockEventLoop(12_000);
    await publishUpdates(pipeline, updates);
    const expected = updates.reduce((sum, u) => sum + u.events!.length, 0);
    await waitFor(
      'every event and update after the rejoin',
      () => stream.items.length >= expected && updated.items.length >= updates.length,
      60_000,
    ).catch((error: Error) => {
      throw new Error(
        `${error.message}: ${stream.items.length} of ${expected} events, ${updated.items.length} of ${updates.length} updates`,
      );
    });
    const ids = stream.items.map((item) => item.trackingEvents.event.eventId);
    expect(new Set(ids).size).toBe(expected);
    expect(updated.items).toHaveLength(updates.length);
  }, 120_000);
});

import type { Connection } from 'mongoose';
import { ApiKeysRepository } from '@mmt/access';
import { connectStore } from '@mmt/store';
import { Collector, waitFor, wsClient } from './support/graphql-client';
import { journeyUpdates, publishUpdates } from './support/partner-api';
import { TestPipeline } from './support/pipeline';
import { simulatedHistory } from './support/simulated-history';

type Streamed = { trackingEvents: { event: { eventId: string } } };

/** Holds this process's event loop, as a long garbage collection or a heavy request would. */
function blockEventLoop(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // busy: no heartbeat leaves the gateway's stream consumers meanwhile
  }
}

/**
 * A `trackingEvents` stream whose Kafka consumer loses its group membership (its heartbeats stopped for longer
 * than the session timeout) must go on from where it stood, not from the latest offsets: the stream commits
 * nothing, so a rejoin would otherwise skip every update published while it was out.
 */
describe('trackingEvents across a consumer rejoin (real Kafka)', () => {
  const pipeline = new TestPipeline('stream-rejoin');
  let store: Connection;
  let stream: Collector<Streamed>;

  beforeAll(async () => {
    store = await connectStore(pipeline.config.mongodbUri);
    await pipeline.start();
    const url = await pipeline.startGateway();
    const key = (await new ApiKeysRepository(store).create({ role: 'PORT_OFFICE', orgId: 'PORT-CQ', name: 'port' }))
      .apiKey;
    stream = new Collector<Streamed>(wsClient(url, key), 'subscription { trackingEvents { event { eventId } } }');
    await new Promise((resolve) => setTimeout(resolve, 4000)); // the stream's consumer joins its group
  });

  afterAll(async () => {
    stream.stop();
    await pipeline.stop(store);
    await store.close();
  });

  it('delivers every event published while its consumer was out of the group', async () => {
    const history = simulatedHistory({ journeys: 20, seed: 8, start: '2026-01-12T08:00:00+08:00' });
    const updates = journeyUpdates(history.journeys, history.events, 1, new Date().toISOString());
    const before = journeyUpdates(history.journeys.slice(0, 5), history.events, 1, new Date().toISOString());
    await publishUpdates(pipeline, before);
    const first = before.reduce((sum, u) => sum + u.events!.length, 0);
    await waitFor('the stream to run', () => stream.items.length >= first, 30_000);
    // 12 s without a heartbeat: past the stream consumer's 10 s session, the broker drops it from its group.
    blockEventLoop(12_000);
    const rest = updates.slice(5);
    await publishUpdates(pipeline, rest);
    const expected = first + rest.reduce((sum, u) => sum + u.events!.length, 0);
    await waitFor('every event after the rejoin', () => stream.items.length >= expected, 60_000).catch(
      (error: Error) => {
        throw new Error(`${error.message}: ${stream.items.length} of ${expected}`);
      },
    );
    const ids = stream.items.map((item) => item.trackingEvents.event.eventId);
    expect(new Set(ids).size).toBe(expected);
  }, 120_000);
});

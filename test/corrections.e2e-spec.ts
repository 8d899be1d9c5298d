import type { Connection } from 'mongoose';
import { ApiKeysRepository } from '@mmt/access';
import { TOPICS, type RawInTransit } from '@mmt/contracts';
import { createProducer } from '@mmt/kafka';
import { eventId } from '@mmt/normalize';
import { simulate } from '@mmt/simulator';
import { connectStore, JourneysRepository } from '@mmt/store';
import { encodeStreamCursor } from '../apps/gateway/src/updates/stream-cursor';
import { sendSimulation } from '../apps/simulator/src/send-simulation';
import { readDeadLetters } from './support/dead-letters';
import { drainTo } from './support/drain';
import { expectedOutcome } from './support/ground-truth';
import { Collector, query, waitFor, wsClient } from './support/graphql-client';
import { TestPipeline } from './support/pipeline';

/**
 * Corrections and retractions, end to end, as a source system sends them on the raw topics: the same messageId
 * with a later sentAt corrects a report, an older version arriving after it changes nothing, and a retraction
 * withdraws it. Journeys, the audit trail (also a SHIPPER's) and the trackingEvents stream all follow.
 */
const HOUR = 3_600_000;
const shift = (time: string, ms: number) => new Date(Date.parse(time) + ms).toISOString().replace('.000Z', 'Z');

type Entry = {
  eventId: string;
  code: string;
  sentAt: string;
  eventDateTime: string;
  superseded: boolean;
  withdrawn: boolean;
  retractsEventId: string | null;
};
const ENTRY = 'eventId code sentAt eventDateTime superseded withdrawn retractsEventId';
type Streamed = { trackingEvents: { event: Entry } };

describe('Corrections and retractions from the raw topics (real Kafka, real store)', () => {
  const pipeline = new TestPipeline('corrections');
  let store: Connection;
  let url: string;
  let portKey: string;
  let shipperKey: string;
  let original: RawInTransit;
  let target: string;
  let stream: Collector<Streamed>;

  const journeyOf = async () => {
    const stored = await new JourneysRepository(store).all();
    return stored.find((j) => j.containerNo === original.containerNo)!;
  };
  const milestoneTime = async () => (await journeyOf()).milestones.find((m) => m.eventId === target)?.at;
  /** Sends to the raw in-transit topic; `timestamp`: the time the producer stamps on the message. */
  const sendRaw = async (message: RawInTransit, timestamp?: string) => {
    const producer = createProducer(pipeline.kafka);
    await producer.connect();
    await producer.send({
      topic: pipeline.topics.name(TOPICS.rawInTransit),
      messages: [{ key: message.containerNo!, value: JSON.stringify(message), timestamp }],
      acks: -1,
    });
    await producer.disconnect();
  };
  const timeline = async (apiKey: string) => {
    const result = await query<{ timeline: { nodes: Entry[] } }>(
      url,
      apiKey,
      `query ($no: ContainerNumber!) { timeline(containerNo: $no, first: 200) { nodes { ${ENTRY} } } }`,
      { no: original.containerNo },
    );
    expect(result.errors).toBeUndefined();
    return result.data!.timeline.nodes.filter((e) => e.eventId === target || e.retractsEventId === target);
  };

  beforeAll(async () => {
    store = await connectStore(pipeline.config.mongodbUri);
    const simulation = simulate({
      journeys: 2,
      seed: 5,
      start: '2026-03-02T08:00:00+08:00',
      shuffle: 0,
      duplicates: 0,
      lateManifests: 0,
      conveyanceReports: false,
      invalid: 0,
    });
    const reports = simulation.validMessages.filter(
      (m): m is RawInTransit =>
        m.kind === 'IN_TRANSIT' && m.classifier === 'ACT' && m.containerNo !== undefined && !m.retractsMessageId,
    );
    original = reports[Math.floor(reports.length / 2)];
    target = eventId(original.source, original.messageId, original.containerNo!, 'main');
    await pipeline.start();
    url = await pipeline.startGateway();
    const keys = new ApiKeysRepository(store);
    portKey = (await keys.create({ role: 'PORT_OFFICE', orgId: 'PORT-CQ', name: 'Port office' })).apiKey;
    await sendSimulation(pipeline.kafka, pipeline.topics, simulation.messages, { rate: 0 });
    const expected = expectedOutcome(simulation.validMessages);
    expect(await drainTo(store, expected, 120_000, 'corrections')).toEqual(expected.journeys);
    const shipper = (await journeyOf()).parties.find((p) => p.role === 'SHIPPER')!;
    shipperKey = (await keys.create({ role: 'SHIPPER', orgId: shipper.orgId, name: shipper.name })).apiKey;

    // From the start of the journey-update topic, filtered to transport events of the container.
    const updates = pipeline.topics.specs().find((t) => t.name === pipeline.topics.name(TOPICS.journeyUpdates))!;
    const fromStart = encodeStreamCursor(
      Object.fromEntries(Array.from({ length: updates.partitions }, (_, p) => [p, { offset: '0', skip: 0 }])),
    );
    stream = new Collector<Streamed>(
      wsClient(url, portKey),
      `subscription ($no: ContainerNumber!, $after: String) {
        trackingEvents(filter: { containerNos: [$no], eventTypes: ["TRANSPORT"] }, after: $after) { event { ${ENTRY} } }
      }`,
      { no: original.containerNo, after: fromStart },
    );
  }, 300_000);

  afterAll(async () => {
    stream?.stop();
    await pipeline.stop(store);
    await store.close();
  });

  it('takes a later version of a message (same messageId, later sentAt) in place of the earlier one', async () => {
    expect(await milestoneTime()).toBe(original.eventTime);
    const corrected = shift(original.eventTime, 2 * HOUR);
    await sendRaw({ ...original, sentAt: shift(original.sentAt, HOUR), eventTime: corrected });
    await waitFor('the correction to reach the journey', async () => (await milestoneTime()) === corrected, 60_000);
  });

  it('changes nothing when an older version arrives after the correction', async () => {
    const before = await journeyOf();
    await sendRaw({
      ...original,
      sentAt: shift(original.sentAt, -HOUR),
      eventTime: shift(original.eventTime, 9 * HOUR),
    });
    await pipeline.waitUntilCommittedToEnd('normalizer', [pipeline.topics.name(TOPICS.rawInTransit)]);
    await pipeline.waitUntilCommittedToEnd('projector', [pipeline.topics.name(TOPICS.trackingEvents)]);
    expect(await journeyOf()).toEqual(before);
  });

  it('withdraws the event on a retraction and keeps every version in the audit trail, marked', async () => {
    const retraction: RawInTransit = {
      ...original,
      messageId: `${original.messageId}-R`,
      sentAt: shift(original.sentAt, 3 * HOUR),
      retractsMessageId: original.messageId,
    };
    await sendRaw(retraction);
    await waitFor(
      'the retraction to reach the journey',
      async () => !(await journeyOf()).eventIds.includes(target),
      60_000,
    );

    for (const apiKey of [portKey, shipperKey]) {
      const entries = await timeline(apiKey);
      const versions = entries.filter((e) => e.eventId === target);
      expect(versions.map((e) => [e.sentAt, e.superseded, e.withdrawn]).sort()).toEqual(
        [
          [shift(original.sentAt, -HOUR), true, true],
          [original.sentAt, true, true],
          [shift(original.sentAt, HOUR), false, true],
        ].sort(),
      );
      expect(entries.filter((e) => e.code === 'RETRACTION')).toHaveLength(1);
    }
  });

  it('streams the original, its correction and the retraction to trackingEvents, not the stale version', async () => {
    const about = (item: Streamed) => item.trackingEvents.event;
    await waitFor(
      'the retraction on the stream',
      () => stream.items.some((item) => about(item).retractsEventId === target),
      60_000,
    );
    expect(stream.errors).toEqual([]);
    const ofTarget = stream.items.map(about).filter((e) => e.eventId === target || e.retractsEventId === target);
    expect(ofTarget.map((e) => [e.code === 'RETRACTION' ? 'RETRACTION' : e.sentAt, e.eventDateTime])).toEqual([
      [original.sentAt, original.eventTime],
      [shift(original.sentAt, HOUR), shift(original.eventTime, 2 * HOUR)],
      ['RETRACTION', original.eventTime],
    ]);
  });

  it('dead-letters what claims to come from the future, whatever time its producer stamped on it', async () => {
    const before = await journeyOf();
    const fiveYearsAhead = new Date(Date.now() + 5 * 365 * 24 * HOUR).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const stampedAhead = String(Date.parse(fiveYearsAhead));
    await sendRaw(
      { ...original, messageId: `${original.messageId}-F`, sentAt: fiveYearsAhead, eventTime: fiveYearsAhead },
      stampedAhead,
    );
    await sendRaw({ ...original, sentAt: '9999-12-31T23:59:59Z' }, stampedAhead);

    const letters = await readDeadLetters(pipeline);
    expect(letters.map((letter) => letter.errors.length)).toEqual([2, 1]);
    expect(letters[0].errors[0]).toMatch(/^sentAt \S+ is \d+ minutes after the platform received the message/);
    expect(letters[0].errors[1]).toMatch(/^eventTime \S+ of an actual event is \d+ minutes after the platform/);
    expect(letters[1].reason).toMatch(/^sentAt 9999-12-31T23:59:59Z is \d+ minutes after the platform received/);
    await pipeline.waitUntilCommittedToEnd('projector', [pipeline.topics.name(TOPICS.trackingEvents)]);
    expect(await journeyOf()).toEqual(before);
  });
});

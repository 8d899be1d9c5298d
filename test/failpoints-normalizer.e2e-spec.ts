import type { Connection } from 'mongoose';
import { armFailpoints, disarmFailpoints, failpointFired, FailpointError } from '@mmt/config';
import { conveyanceKey, eventVersionKey, RAW_TOPICS, TOPICS, type RawMessage, type RawTopic } from '@mmt/contracts';
import { parseRawMessage } from '@mmt/normalize';
import { simulate, type SimulatedMessage } from '@mmt/simulator';
import {
  connectStore,
  ConveyancesRepository,
  EventLogRepository,
  type ConveyanceManifest,
  dropDatabaseInSteps,
} from '@mmt/store';
import { NormalizerService } from '../apps/normalizer/src/normalizer.service';
import { sendSimulation } from '../apps/simulator/src/send-simulation';
import {
  bytes,
  CONTAINERS,
  inTransitPerConveyance,
  manifest,
  omit,
} from '../libs/domain/normalize/src/testing/raw-message.factory';
import { recordBatchAttempts, type BatchAttempt } from './support/batch-attempts';
import { readDeadLetters } from './support/dead-letters';
import { drainTo } from './support/drain';
import { expectedConveyanceJoin, expectedOutcome } from './support/ground-truth';
import { waitFor } from './support/graphql-client';
import { testDatabase } from './support/infra';
import { TestPipeline, type Stop } from './support/pipeline';

const DRAIN_TIMEOUT_MS = 3 * 60_000;
/** A case: its feed, the wait for the failure and its retry (at most 90 s), the drain. */
const CASE_TIMEOUT_MS = DRAIN_TIMEOUT_MS + 3 * 60_000;
const DISORDER = { shuffle: 0.2, duplicates: 0.1, lateManifests: 0.3, conveyanceReports: true, invalid: 0.05 };
/** Messages of each raw topic kept back from a feed, to lengthen the batch that the failure makes redo. */
const HELD_BACK_PER_TOPIC = 3;

/** One feed: the raw messages as sent, and the valid ones as the normalizer parses them. */
interface Feed {
  readonly messages: readonly SimulatedMessage[];
  readonly validMessages: readonly RawMessage[];
}

/** A raw message of the hand-made feeds, as the simulator would give it. */
function rawMessage(topic: RawTopic, key: string, value: object): SimulatedMessage {
  return { topic, key, value: bytes(value), valid: true };
}

function parsedValid(messages: readonly SimulatedMessage[]): RawMessage[] {
  return messages.flatMap((m) => {
    const parsed = parseRawMessage(m.topic, m.value);
    return m.valid && parsed.ok ? [parsed.message] : [];
  });
}

/**
 * A train-level transfer, made by hand (the simulator sends none): a transfer from the first train onto the next,
 * the next train's arrival, and two manifests that put four containers on the first train. Whichever comes
 * first, the four must end up on both trains with both reports: the transfer's and the next train's arrival.
 * Reports are listed transfer first, manifests in order: a test that sends the second of a kind late sends the
 * one that joins the first only through what the failed batch wrote.
 */
function transferFeed(n: number): { reports: Feed; manifests: Feed } {
  const train = { mode: 'RAIL', trainNo: `X81${n}0`, departureDate: '2026-06-02' };
  const nextTrain = { mode: 'RAIL', trainNo: `X81${n}0K`, departureDate: '2026-06-04' };
  const report = omit(inTransitPerConveyance(), 'estimatedArrival');
  const arrived = {
    ...report,
    messageId: `fp-${n}-arr-brest`,
    sentAt: '2026-06-13T10:05:00Z',
    status: 'ARRIVED',
    eventTime: '2026-06-13T10:00:00Z',
    location: { locode: 'BYBQT', facility: 'BRS' },
    conveyance: nextTrain,
  };
  const transferred = {
    ...report,
    messageId: `fp-${n}-transfer-akl`,
    sentAt: '2026-06-04T20:05:00+08:00',
    status: 'TRANSFERRED',
    eventTime: '2026-06-04T20:00:00+08:00',
    location: { locode: 'CNAKL', facility: 'AKB' },
    conveyance: train,
    toConveyance: nextTrain,
    gauge: '1520',
  };
  const railManifest = (part: number, containerNos: readonly string[]) => ({
    ...manifest(),
    source: 'CHINA_EUROPE_RAIL',
    messageId: `fp-${n}-mf-${part}`,
    manifestNo: `MF-FP-${n}-${part}`,
    sentAt: '2026-06-02T08:00:00+08:00',
    eventTime: '2026-06-02T07:55:00+08:00',
    conveyance: train,
    placeOfLoading: { locode: 'CNCQI', facility: 'TJC' },
    placeOfDischarge: { locode: 'DEDUI', facility: 'DIT' },
    containers: containerNos.map((containerNo) => ({ containerNo, documents: [] })),
  });
  const reports = [
    rawMessage(TOPICS.rawInTransit, `${n}-transfer`, transferred),
    rawMessage(TOPICS.rawInTransit, `${n}-arr`, arrived),
  ];
  const manifests = [
    rawMessage(TOPICS.rawManifest, `${n}-mf-1`, railManifest(1, CONTAINERS.slice(0, 2))),
    rawMessage(TOPICS.rawManifest, `${n}-mf-2`, railManifest(2, CONTAINERS.slice(2))),
  ];
  return {
    reports: { messages: reports, validMessages: parsedValid(reports) },
    manifests: { messages: manifests, validMessages: parsedValid(manifests) },
  };
}

/** A conveyance manifest version for the repository-level case. */
function manifestVersion(i: number, sentAt: string, containerNos: string[]): ConveyanceManifest {
  const conveyanceKey = `RAIL:X9${String(i).padStart(3, '0')}:2026-06-01`;
  return {
    _id: `${conveyanceKey}|CHINA_EUROPE_RAIL|MF-${i}`,
    conveyanceKey,
    manifestNo: `MF-${i}`,
    sentAt,
    sentAtMs: Date.parse(sentAt),
    containerNos,
  };
}

describe('Conveyance manifests: a batch redone after part of its manifests was written', () => {
  let db: Connection;

  beforeAll(async () => {
    db = await testDatabase('fp-manifests');
  });

  afterAll(async () => {
    await dropDatabaseInSteps(db);
    await db.close();
  });

  it('keeps every version of a longer retry, also past the first write command', async () => {
    const conveyances = new ConveyancesRepository(db);
    const first = Array.from({ length: 150 }, (_, i) => manifestVersion(i, '2026-06-01T08:00:00Z', [`C${i}`]));
    // The failed try: the store took the first command (100 manifests), then went away.
    await conveyances.recordManifests(first.slice(0, 100));
    // The retry: the same 150, one of them amended since, one older version of another, and 50 more.
    const amended = manifestVersion(0, '2026-06-01T09:00:00Z', ['C0', 'C0b']);
    const older = manifestVersion(1, '2026-06-01T07:00:00Z', ['old']);
    const more = Array.from({ length: 50 }, (_, i) => manifestVersion(150 + i, '2026-06-01T08:00:00Z', ['x']));
    await conveyances.recordManifests([older, ...first, amended, ...more]);

    const stored = await conveyances.manifestsOf([...first, ...more].map((m) => m.conveyanceKey));
    const expected = [amended, ...first.slice(1), ...more];
    expect(stored.length).toBe(expected.length);
    expect(new Map(stored.map((m) => [m._id, m]))).toEqual(new Map(expected.map((m) => [m._id, m])));
  });
});

describe('Normalizer failpoints: each write step fails once mid-feed and is redone in the same process (real Kafka, real store)', () => {
  const pipeline = new TestPipeline('fp-normalizer');
  const rawTopics = RAW_TOPICS.map((t) => pipeline.topics.name(t));
  /** Every valid raw message sent so far: the cumulative ground truth. */
  const truth: RawMessage[] = [];
  /** Messages kept back from the feed in progress, by raw topic; the first failure takes those of its topic. */
  let heldBack = new Map<RawTopic, SimulatedMessage[]>();
  let lettersSeen = 0;
  let store: Connection;
  let batches: BatchAttempt[];
  let stopNormalizer: Stop;

  /** Appends the held-back messages of the failed batch's topic to its partition, before kafkajs redoes it. */
  async function lengthenRetry(context: { topic: string; partition: number }, error: unknown): Promise<void> {
    if (!(error instanceof FailpointError)) {
      return;
    }
    const topic = pipeline.topics.contractName(context.topic) as RawTopic;
    const extra = heldBack.get(topic) ?? [];
    heldBack.delete(topic);
    if (extra.length > 0) {
      const producer = pipeline.kafka.producer();
      await producer.connect();
      await producer
        .send({
          topic: context.topic,
          acks: -1,
          messages: extra.map((m) => ({ key: m.key, value: m.value, partition: context.partition })),
        })
        .finally(() => producer.disconnect());
    }
  }

  beforeAll(async () => {
    store = await connectStore(pipeline.config.mongodbUri);
    batches = recordBatchAttempts(NormalizerService, 0, lengthenRetry);
    stopNormalizer = await pipeline.startNormalizer();
    await pipeline.startProjector();
  });

  afterEach(() => {
    disarmFailpoints();
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await pipeline.stop(store);
    await store.close();
  });

  /** Sends the messages (of any raw topic) in their order. */
  function send(messages: readonly SimulatedMessage[]): Promise<void> {
    return sendSimulation(pipeline.kafka, pipeline.topics, messages, { rate: 0 });
  }

  /**
   * Sends `before`, waits until it is normalized, arms the failpoint, sends `after` except a few messages of each
   * topic, which go to the failed batch's partition when the failpoint fires (so that the redone batch is longer),
   * and checks that the batch was redone from its first offset with more messages and did not fail again.
   */
  async function failMidFeed(spec: string, before: readonly SimulatedMessage[], after: readonly SimulatedMessage[]) {
    const step = spec.split(':')[0];
    // A fresh consumer for each case: kafkajs's pause before a retry doubles with each failure over a consumer's
    // whole run (up to 10 s), so a fresh consumer keeps each case's retry quick.
    await stopNormalizer();
    stopNormalizer = await pipeline.startNormalizer();
    await send(before);
    await pipeline.waitUntilCommittedToEnd('normalizer', rawTopics);
    heldBack = new Map();
    const now: SimulatedMessage[] = [];
    for (const topic of RAW_TOPICS) {
      const ofTopic = after.filter((m) => m.topic === topic);
      const kept = Math.min(HELD_BACK_PER_TOPIC, Math.floor(ofTopic.length / 2));
      heldBack.set(topic, ofTopic.slice(ofTopic.length - kept));
      now.push(...ofTopic.slice(0, ofTopic.length - kept));
    }
    const from = batches.length;
    armFailpoints(spec);
    await send(now);
    const redone = () => {
      const failed = batches.slice(from).find((b) => b.outcome === 'failed');
      const retry = batches
        .slice(batches.indexOf(failed!) + 1)
        .find((b) => b.topic === failed?.topic && b.partition === failed.partition);
      return { failed, retry };
    };
    await waitFor(`${spec} to fire and its batch to be redone`, () => redone().retry?.outcome === 'done', 90_000);
    // What the failure did not take along goes now, as the rest of the feed.
    await send([...heldBack.values()].flat());
    heldBack = new Map();

    expect(failpointFired(step)).toBe(1);
    const { failed, retry } = redone();
    expect(batches.slice(from).filter((b) => b.outcome === 'failed')).toEqual([failed]);
    expect(retry!.first).toBe(failed!.first);
    expect(retry!.size).toBeGreaterThan(failed!.size);
  }

  /** The store and the dead-letter topic hold exactly what the feeds so far mean, each event once. */
  async function expectExact(label: string, invalid: readonly SimulatedMessage[], resent: boolean) {
    const expected = expectedOutcome(truth);
    expect(await drainTo(store, expected, DRAIN_TIMEOUT_MS, label)).toEqual(expected.journeys);

    const logged: string[] = [];
    let repeated = 0;
    for await (const [, events, twice] of new EventLogRepository(store).byContainer()) {
      logged.push(...events.map(eventVersionKey));
      repeated += twice;
    }
    expect(repeated).toBe(0);
    expect(logged.sort()).toEqual([...expected.events.values()].map(eventVersionKey).sort());

    const join = expectedConveyanceJoin(truth);
    const members = await store.collection('conveyance_members').find({}).toArray();
    expect(members.map((m) => String(m._id)).sort()).toEqual([...join.members.keys()].sort());
    const reports = await store.collection('conveyance_reports').find({}).toArray();
    expect(reports.map((r) => String(r._id)).sort()).toEqual([...join.reports.keys()].sort());
    const manifests = await store.collection<ConveyanceManifest>('conveyance_manifests').find({}).toArray();
    expect(new Map(manifests.map((m) => [m._id, [m.sentAt, m.containerNos]]))).toEqual(latestManifests(truth));

    // Every invalid message has its letter; a letter twice only when a send whose answer was lost is redone.
    const letters = (await readDeadLetters(pipeline)).slice(lettersSeen);
    lettersSeen += letters.length;
    const byPosition = new Map(letters.map((l) => [`${l.sourceTopic}/${l.sourcePartition}/${l.sourceOffset}`, l]));
    if (!resent) {
      expect(byPosition.size).toBe(letters.length);
    }
    expect([...byPosition.values()].map((l) => l.originalBase64).sort()).toEqual(
      invalid.map((m) => m.value.toString('base64')).sort(),
    );
    expect(pipeline.fatal).toEqual([]);
  }

  it.each([
    ['normalizer.recordManifests:once@1', 41],
    ['normalizer.recordManifests:once-after@1', 42],
    ['normalizer.addMembers:once@2', 43],
    ['normalizer.addMembers:once-after@2', 44],
    ['normalizer.addReports:once@1', 45],
    ['normalizer.addReports:once-after@1', 46],
    ['normalizer.sendEvents:once@2', 47],
    ['normalizer.sendEvents:once-after@2', 48],
  ])(
    '%s: journeys, event log, conveyance join and dead letters exact after the retry',
    async (spec, seed) => {
      const month = String(seed - 40).padStart(2, '0');
      const feed = simulate({ ...DISORDER, journeys: 10, seed, start: `2026-${month}-02T08:00:00+08:00` });
      const half = Math.floor(feed.messages.length / 2);
      await failMidFeed(spec, feed.messages.slice(0, half), feed.messages.slice(half));
      truth.push(...feed.validMessages);
      await expectExact(
        spec,
        feed.messages.filter((m) => !m.valid),
        spec.includes('sendEvents:once-after'),
      );
    },
    CASE_TIMEOUT_MS,
  );

  // The cases where a lost fan-out would show whatever the batches: the failed write is the only way the
  // containers meet the reports, so a retry that took its own earlier write for someone else's loses events.
  it.each([
    ['normalizer.addMembers:once-after@1', 1, 'reports'],
    ['normalizer.addOnwardMembers:once-after@1', 2, 'reports'],
    ['normalizer.addOnwardMembers:once@1', 3, 'reports'],
    ['normalizer.addReports:once-after@1', 4, 'manifests'],
  ])(
    '%s (train transfer %i, %s first): the containers get both trains’ reports after the retry',
    async (spec, n, first) => {
      const { reports, manifests } = transferFeed(n);
      const [before, after] = first === 'reports' ? [reports, manifests] : [manifests, reports];
      await failMidFeed(spec, before.messages, after.messages);
      truth.push(...before.validMessages, ...after.validMessages);
      await expectExact(spec, [], false);
    },
    CASE_TIMEOUT_MS,
  );
});

/** The latest version (by sentAt) of each manifest the messages give, as `conveyance_manifests` keeps it. */
function latestManifests(messages: readonly RawMessage[]): Map<string, [string, string[]]> {
  const latest = new Map<string, { sentAtMs: number; value: [string, string[]] }>();
  for (const message of messages) {
    if (message.kind !== 'MANIFEST' || message.retractsMessageId !== undefined) {
      continue;
    }
    const key = `${conveyanceKey(message.conveyance)}|${message.source}|${message.manifestNo}`;
    const sentAtMs = Date.parse(message.sentAt);
    if ((latest.get(key)?.sentAtMs ?? -Infinity) < sentAtMs) {
      latest.set(key, { sentAtMs, value: [message.sentAt, message.containers.map((c) => c.containerNo)] });
    }
  }
  return new Map([...latest].map(([key, { value }]) => [key, value]));
}

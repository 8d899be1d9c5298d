import type { Connection } from 'mongoose';
import { conveyanceKey, TOPICS, type Journey, type JourneyUpdate, type RawSchedule } from '@mmt/contracts';
import { createProducer } from '@mmt/kafka';
import { simulate } from '@mmt/simulator';
import { connectStore } from '@mmt/store';
import { sendSimulation } from '../apps/simulator/src/send-simulation';
import { readTopicToEnd } from './support/dead-letters';
import { drainTo } from './support/drain';
import { expectedOutcome } from './support/ground-truth';
import { TestPipeline } from './support/pipeline';

const DRAIN_TIMEOUT_MS = 6 * 60_000;
const MINUTE = 60_000;

const sameInstant = (a: string | undefined, b: string | undefined) =>
  a === undefined || b === undefined ? a === b : Date.parse(a) === Date.parse(b);

/**
 * Journeys against their plan, end to end: timetables and port-call schedules (some revised) go through the raw
 * topic, the normalizer and the projector with the rest of the traffic, shuffled and duplicated. Every journey's
 * legs then carry the planned, estimated and actual times the simulator made happen, and its delay is measured
 * against the schedule; a later schedule version moves every journey on that conveyance once.
 */
describe('Schedules: planned, estimated and actual per leg, and the delay (real Kafka, real store)', () => {
  const pipeline = new TestPipeline('schedules');
  let store: Connection;
  const simulation = simulate({
    journeys: 150,
    seed: 24,
    start: '2026-03-02T08:00:00+08:00',
    shuffle: 0.3,
    duplicates: 0.1,
    lateManifests: 0.3,
    conveyanceReports: true,
    invalid: 0,
    scheduleChanges: 0.4,
  });
  let stored: Journey[];

  beforeAll(async () => {
    store = await connectStore(pipeline.config.mongodbUri);
    await pipeline.start();
    await sendSimulation(pipeline.kafka, pipeline.topics, simulation.messages, { rate: 0 });
    stored = await drainTo(store, expectedOutcome(simulation.validMessages), DRAIN_TIMEOUT_MS, 'schedules');
  }, DRAIN_TIMEOUT_MS + 60_000);

  afterAll(async () => {
    await pipeline.stop(store);
    await store.close();
  });

  it("gives every leg the simulator's final plan, last estimate and actual times, and the delay against the schedule", () => {
    const schedules = simulation.validMessages.filter((m): m is RawSchedule => m.kind === 'SCHEDULE');
    const revised = new Set(schedules.map((s) => conveyanceKey(s.conveyance)));
    expect(schedules.length - revised.size).toBeGreaterThan(0);
    const byContainer = new Map(stored.map((j) => [j.containerNo, j]));
    const mismatches: string[] = [];
    for (const trip of simulation.truth.trips) {
      const journey = byContainer.get(trip.containerNo)!;
      for (const truth of trip.legs) {
        const leg = journey.legs.find((l) => conveyanceKey(l.conveyance) === truth.conveyanceKey);
        const pairs = [
          ['plannedDeparture', truth.plannedDepartureAt, leg?.plannedDeparture],
          ['plannedArrival', truth.plannedArrivalAt, leg?.plannedArrival],
          ['estimatedArrival', truth.estimatedArrivalAt, leg?.estimatedArrival],
          ['actualDeparture', truth.departedAt, leg?.actualDeparture],
          ['actualArrival', truth.arrivedAt, leg?.actualArrival],
        ] as const;
        for (const [field, expected, got] of pairs) {
          if (!sameInstant(expected, got)) {
            mismatches.push(`${trip.containerNo} ${truth.conveyanceKey} ${field}: ${got} instead of ${expected}`);
          }
        }
      }
      const last = trip.legs.at(-1)!;
      const delay = Math.round((Date.parse(last.arrivedAt!) - Date.parse(last.plannedArrivalAt!)) / MINUTE);
      if (journey.delayMinutes !== delay || journey.delayAgainst !== 'SCHEDULE') {
        mismatches.push(`${trip.containerNo}: delay ${journey.delayMinutes} (${journey.delayAgainst}), not ${delay}`);
      }
      if (!sameInstant(journey.scheduledArrival, last.plannedArrivalAt)) {
        mismatches.push(`${trip.containerNo}: scheduledArrival ${journey.scheduledArrival}`);
      }
    }
    expect(simulation.truth.trips).toHaveLength(150);
    expect(mismatches).toEqual([]);
  });

  it("moves every affected journey's planned arrival and delay once when a schedule changes", async () => {
    await pipeline.waitUntilCommittedToEnd('projector', [pipeline.topics.name(TOPICS.trackingEvents)]);
    const updatesTopic = pipeline.topics.name(TOPICS.journeyUpdates);
    const updatesOf = async () => {
      const counts = new Map<string, number>();
      for (const update of await readTopicToEnd<JourneyUpdate>(pipeline, updatesTopic)) {
        counts.set(update.journey.journeyId, (counts.get(update.journey.journeyId) ?? 0) + 1);
      }
      return counts;
    };
    const before = await updatesOf();
    // The latest version of the schedule of the conveyance that carries the most containers on a last leg.
    const schedules = simulation.validMessages.filter((m): m is RawSchedule => m.kind === 'SCHEDULE');
    const carried = (key: string) =>
      simulation.truth.trips.filter((t) => t.legs.at(-1)!.conveyanceKey === key).map((t) => t.containerNo);
    const latest = schedules
      .filter((s) => carried(conveyanceKey(s.conveyance)).length > 0)
      .sort((a, b) => carried(conveyanceKey(b.conveyance)).length - carried(conveyanceKey(a.conveyance)).length)
      .map((s) => schedules.filter((v) => conveyanceKey(v.conveyance) === conveyanceKey(s.conveyance)).at(-1)!)[0];
    const key = conveyanceKey(latest.conveyance);
    const containers = new Set(carried(key));
    const arrivalCall = latest.transportCalls.at(-1)!;
    const later = new Date(Date.parse(latest.sentAt) + 6 * 3_600_000).toISOString();
    const revision: RawSchedule = {
      ...latest,
      messageId: `${latest.messageId}-R`,
      sentAt: later,
      eventTime: later,
      transportCalls: [
        ...latest.transportCalls.slice(0, -1),
        {
          ...arrivalCall,
          plannedArrival: new Date(Date.parse(arrivalCall.plannedArrival!) + 7 * 3_600_000).toISOString(),
        },
      ],
    };
    const producer = createProducer(pipeline.kafka);
    await producer.connect();
    await producer.send({
      topic: pipeline.topics.name(TOPICS.rawSchedule),
      messages: [{ key, value: JSON.stringify(revision) }],
      acks: -1,
    });
    await producer.disconnect();
    const after = await drainTo(
      store,
      expectedOutcome([...simulation.validMessages, revision]),
      DRAIN_TIMEOUT_MS,
      'schedule change',
    );
    await pipeline.waitUntilCommittedToEnd('projector', [pipeline.topics.name(TOPICS.trackingEvents)]);
    const moved = after.filter((j) => containers.has(j.containerNo));
    expect(moved.length).toBe(containers.size);
    for (const journey of moved) {
      const was = stored.find((j) => j.journeyId === journey.journeyId)!;
      expect([journey.containerNo, Date.parse(journey.scheduledArrival!) - Date.parse(was.scheduledArrival!)]).toEqual([
        journey.containerNo,
        7 * 3_600_000,
      ]);
      expect([journey.containerNo, journey.delayMinutes]).toEqual([journey.containerNo, was.delayMinutes! - 7 * 60]);
    }
    const counts = await updatesOf();
    const published = [...counts].filter(([id, n]) => n !== (before.get(id) ?? 0));
    expect(published.map(([id, n]) => [id, n - (before.get(id) ?? 0)]).sort()).toEqual(
      moved.map((j) => [j.journeyId, 1]).sort(),
    );
    expect(pipeline.fatal).toEqual([]);
  });
});

/**
 * `npm run bench:ingest`: the pipeline's sustained rate from raw topic to written journey, with two
 * baselines from the same run on the same data: the store's raw bulk-write rate, and a naive consumer that
 * handles one event at a time. Needs the local infrastructure (`npm run infra:up`) or KAFKA_BROKERS / MONGODB_URI.
 *   npm run bench:ingest -- --journeys 200
 */
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import type { Collection } from 'mongoose';
import { type TrackingEvent } from '@mmt/contracts';
import { foldJourneys } from '@mmt/journey';
import { createKafka, deleteTopics, TopicNames } from '@mmt/kafka';
import { isolatedPlatformConfig, platformConfigFromEnv } from '@mmt/platform';
import { simulate } from '@mmt/simulator';
import { connectStore, EventLogRepository, JourneysRepository, upsertAllById } from '@mmt/store';
import { NormalizerModule } from '../apps/normalizer/src/normalizer.module';
import { ProjectorModule } from '../apps/projector/src/projector.module';
import { sendSimulation } from '../apps/simulator/src/send-simulation';

const rate = (n: number, ms: number) => Math.round((n / ms) * 1000);

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { journeys: { type: 'string' }, seed: { type: 'string' } } });
  const journeysWanted = Number(values.journeys ?? 200);
  const base = platformConfigFromEnv();
  const run = `bench-${Date.now().toString(36)}`;
  const config = isolatedPlatformConfig(base, run);
  const topics = new TopicNames(config.namespace);
  const kafka = createKafka('bench', config.kafkaBrokers);
  const store = await connectStore(config.mongodbUri);

  const simulation = simulate({
    journeys: journeysWanted,
    seed: Number(values.seed ?? 11),
    start: '2026-03-02T08:00:00+08:00',
    shuffle: 0,
    duplicates: 0,
    lateManifests: 0,
    conveyanceReports: true,
    invalid: 0,
  });
  console.log(`bench: ${journeysWanted} journeys, ${simulation.messages.length} raw messages`);

  // 1. The real pipeline: normalizer + projector, raw topics to written journeys.
  const apps = [];
  for (const module of [NormalizerModule.forRoot(config), ProjectorModule.forRoot(config)]) {
    apps.push(await NestFactory.createApplicationContext(module, { logger: ['error'] }));
  }
  const eventLog = new EventLogRepository(store);
  const journeys = new JourneysRepository(store);
  const started = Date.now();
  await sendSimulation(kafka, topics, simulation.messages, { rate: 0 });
  let events = 0;
  let stableSince = Date.now();
  let lastEvents = -1;
  // Drained when the log has stopped growing for 3 s; the time counted ends at the last growth.
  let lastGrowth = Date.now();
  while (Date.now() - stableSince < 3000) {
    events = await eventLog.count();
    if (events !== lastEvents) {
      lastEvents = events;
      lastGrowth = Date.now();
      stableSince = Date.now();
      process.stdout.write(`\rbench: pipeline ${events} events logged`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const pipelineMs = lastGrowth - started;
  const journeyCount = (await journeys.all()).length;
  console.log('');
  await Promise.all(apps.map((app) => app.close()));

  // The canonical events as the pipeline produced them, for the baselines.
  const canonical: TrackingEvent[] = [];
  for await (const event of eventLog.all()) {
    canonical.push(event);
  }

  // 2. Baseline: the store's raw bulk-write rate for the same events (insert-only, 1,000 per command).
  const scratch = store.collection<{ _id: string; event: TrackingEvent }>('bench_bulk');
  let t = Date.now();
  for (let i = 0; i < canonical.length; i += 1000) {
    await scratch.insertMany(
      canonical.slice(i, i + 1000).map((event) => ({ _id: event.eventId, event })),
      { ordered: false },
    );
  }
  const bulkInsertMs = Date.now() - t;
  t = Date.now();
  await upsertAllById(
    scratch as unknown as Collection<{ _id: string; event: TrackingEvent }>,
    canonical.map((event) => ({ _id: event.eventId, event })),
  );
  const bulkUpsertMs = Date.now() - t;

  // 3. Baseline: a naive consumer, one event at a time (insert, read container, fold, write journeys).
  const naiveEvents = store.collection<{ _id: string; event: TrackingEvent }>('naive_events');
  const naiveJourneys = store.collection<{ _id: string }>('naive_journeys');
  const naiveBudgetMs = Math.max(10_000, Math.min(60_000, pipelineMs));
  t = Date.now();
  let naiveDone = 0;
  const history = new Map<string, TrackingEvent[]>();
  for (const event of canonical) {
    if (Date.now() - t > naiveBudgetMs) {
      break;
    }
    await naiveEvents.insertOne({ _id: event.eventId, event });
    const containerEvents = (await naiveEvents.find({ 'event.containerNo': event.containerNo }).toArray()).map(
      (e) => e.event,
    );
    history.set(event.containerNo, containerEvents);
    for (const journey of foldJourneys(containerEvents)) {
      await naiveJourneys.replaceOne({ _id: journey.journeyId }, journey, { upsert: true });
    }
    naiveDone += 1;
  }
  const naiveMs = Date.now() - t;

  console.log(`
bench:ingest  (${canonical.length} canonical events, ${journeyCount} journeys, same data for every row)
  pipeline, raw topic -> written journey   ${rate(events, pipelineMs)} events/s   (${events} events in ${(pipelineMs / 1000).toFixed(1)}s)
  store bulk insert (baseline)             ${rate(canonical.length, bulkInsertMs)} docs/s
  store bulk upsert by _id (baseline)      ${rate(canonical.length, bulkUpsertMs)} docs/s
  naive one-event-at-a-time consumer       ${rate(naiveDone, naiveMs)} events/s   (${naiveDone} events in ${(naiveMs / 1000).toFixed(1)}s)`);

  await store.dropDatabase();
  await store.close();
  await deleteTopics(
    kafka,
    topics.specs().map((s) => s.name),
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);

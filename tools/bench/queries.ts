/**
 * `npm run bench:queries`: the latency of each read the gateway serves, p50 and p99 over many runs, on a store
 * the size of a million events (~40,000 journeys), through the real JourneyQueries and ApiKeysRepository.
 * The machine is shared and noisy, so right after each read the same run measures the store's own floor for its
 * shape: the same journeys read by `_id` with the same projection. Runs interleave the read paths, so each sees
 * the same noise; the targets are printed beside the figures. Seeds a database of its own, dropped at the end unless --keep;
 * --database reuses one (never dropped).
 *   npm run infra:up && npm run bench:queries -- [--events 1000000] [--runs 500] [--database NAME] [--keep]
 */
import { parseArgs } from 'node:util';
import type { Connection } from 'mongoose';
import { ApiKeysRepository, type Principal } from '@mmt/access';
import type { Document } from 'mongodb';
import { groupByContainer, type DocumentRef, type Journey, type TrackingEvent } from '@mmt/contracts';
import { isolatedPlatformConfig, platformConfigFromEnv } from '@mmt/platform';
import {
  connectStore,
  ContainerOwnersRepository,
  EventLogRepository,
  isDuplicateKeyError,
  journeyDocument,
  JOURNEY_PROJECTION,
  JourneyListsRepository,
  LIST_PARTS,
  listedProjection,
  JourneysRepository,
  eventLogPages,
  type EventLogPage,
  type JourneyDocument,
} from '@mmt/store';
import { encodeCursor } from '../../apps/gateway/src/graphql/page-cursor';
import { JourneyQueries } from '../../apps/gateway/src/journeys/journey-queries';
import { QueryRecorder } from '../../test/support/query-recorder';
import { simulatedHistory } from '../../test/support/simulated-history';
import { percentile } from './support';

const BATCH = 1000;
const CHUNK_JOURNEYS = 1000;
const WEEK_MS = 7 * 24 * 3_600_000;
const SAMPLE = 2000;
const PAGE_EVENTS = 8;
const PORT: Principal = { keyId: 'bench000', role: 'PORT_OFFICE', orgId: 'PORT-CQ', name: 'bench' };

const n = (value: number) => value.toLocaleString('en-US');

/** Keeps a uniform sample of what passes by (reservoir sampling), for the inputs of the timed reads. */
class Sample<T> {
  readonly items: T[] = [];
  private seen = 0;

  constructor(private readonly size: number) {}

  add(item: T): void {
    this.seen += 1;
    if (this.items.length < this.size) {
      this.items.push(item);
    } else if (Math.random() * this.seen < this.size) {
      this.items[Math.floor(Math.random() * this.size)] = item;
    }
  }
}

/** Inserts in commands of BATCH documents; a journey or event id two simulated chunks share is kept once. */
async function insertInBatches<T extends { _id: string }>(store: Connection, name: string, docs: readonly T[]) {
  for (let start = 0; start < docs.length; start += BATCH) {
    await store
      .collection<T>(name)
      .insertMany(docs.slice(start, start + BATCH) as never[], { ordered: false })
      .catch((error: unknown) => {
        const writeErrors = (error as { writeErrors?: unknown[] }).writeErrors ?? [];
        if (!(isDuplicateKeyError(error) && writeErrors.every((e) => isDuplicateKeyError(e)))) {
          throw error;
        }
      });
  }
}

/** Event log pages as ingest writes them: one per container and batch, about 8 events each at a backlog. */
function pagesOf(events: readonly TrackingEvent[]): EventLogPage[] {
  return [...groupByContainer(events)].flatMap(([containerNo, ofContainer]) =>
    Array.from({ length: Math.ceil(ofContainer.length / PAGE_EVENTS) }, (_, i) =>
      eventLogPages(containerNo, ofContainer.slice(i * PAGE_EVENTS, (i + 1) * PAGE_EVENTS)),
    ).flat(),
  );
}

/** Simulated traffic, a thousand journeys at a time, inserted straight into the journeys and events collections. */
async function seed(store: Connection, targetEvents: number, sample: Sample<Journey>): Promise<[number, number]> {
  const owners = new ContainerOwnersRepository(store);
  const started = Date.now();
  let journeys = 0;
  let events = 0;
  for (let chunk = 0; events < targetEvents; chunk += 1) {
    const history = simulatedHistory({
      journeys: CHUNK_JOURNEYS,
      seed: 1000 + chunk,
      start: new Date(Date.parse('2025-06-02T00:00:00Z') + chunk * WEEK_MS).toISOString(),
    });
    const wanted = history.events.slice(0, targetEvents - events);
    const logged = new Set(wanted.map((e) => e.containerNo));
    const stored = history.journeys.filter((j) => logged.has(j.containerNo));
    await owners.record(stored.map((j) => j.containerNo));
    await insertInBatches<JourneyDocument>(store, 'journeys', stored.map(journeyDocument));
    await insertInBatches<EventLogPage>(store, 'events', pagesOf(wanted));
    stored.forEach((j) => sample.add(j));
    journeys += stored.length;
    events += wanted.length;
    const rate = Math.round(events / ((Date.now() - started) / 1000));
    process.stdout.write(
      `\rbench: seeded ${n(journeys)} journeys, ${n(events)} / ${n(targetEvents)} events (${n(rate)} events/s)`,
    );
  }
  console.log('');
  return [journeys, events];
}

/** A sample of an existing database's journeys, read in small windows of container numbers. */
async function sampleOf(store: Connection, sample: Sample<Journey>): Promise<void> {
  const owners = await new ContainerOwnersRepository(store).all();
  const journeys = store.collection<JourneyDocument>('journeys');
  for (let tries = 0; sample.items.length < SAMPLE / 4 && tries < 400 && owners.length > 0; tries += 1) {
    const owner = owners[Math.floor(Math.random() * owners.length)];
    const serial = Math.floor(Math.random() * 9_900_000);
    const range = { $gte: `${owner}${String(serial).padStart(7, '0')}`, $lt: `${owner}${String(serial + 50_000)}` };
    const found = await journeys.find({ containerNo: range }, { projection: { _id: 0, derived: 0 } }).toArray();
    found.forEach((j) => sample.add(j));
  }
}

interface Read {
  /** The ids of the journeys the read returned, and the projection it read them with. */
  readonly ids: readonly string[];
  readonly projection: Document;
}

interface ReadPath {
  readonly name: string;
  /** Runs one read with fresh random inputs. */
  readonly run: () => Promise<Read>;
  /** The target for its p99: a bound in ms, or a multiple of its floor's p99. */
  readonly target?: { ms: number } | { floorTimes: number };
}

/** What a list of twenty shows (the web app's search page): the listed fields and the ETA. */
const LIST_FIELDS: readonly (keyof Journey)[] = ['eta'];

function read(journeys: readonly { journeyId: string }[], projection: Document): Read {
  return { ids: journeys.map((j) => j.journeyId), projection };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      events: { type: 'string' },
      runs: { type: 'string' },
      database: { type: 'string' },
      keep: { type: 'boolean' },
    },
  });
  const targetEvents = Number(values.events ?? 1_000_000);
  const runs = Number(values.runs ?? 500);
  const base = platformConfigFromEnv();
  const reuse = values.database !== undefined;
  const uri = reuse
    ? isolatedPlatformConfig(base, values.database!).mongodbUri
    : isolatedPlatformConfig(base, `bench-queries-${Date.now().toString(36)}`).mongodbUri;
  const store = await connectStore(uri);
  const database = store.name;
  console.log(`bench: database ${database} ${reuse ? '(reused)' : '(new)'}`);

  await new JourneysRepository(store).ensureIndexes();
  await new EventLogRepository(store).ensureIndexes();
  const keys = new ApiKeysRepository(store);
  await keys.ensureIndexes();

  const sample = new Sample<Journey>(SAMPLE);
  let size: string;
  if (reuse) {
    await sampleOf(store, sample);
    const [journeys, pages] = await Promise.all([
      store.collection('journeys').estimatedDocumentCount(),
      store.collection('events').estimatedDocumentCount(),
    ]);
    size = `${n(journeys)} journeys, ${n(pages)} event-log pages`;
  } else {
    const [journeys, events] = await seed(store, targetEvents, sample);
    size = `${n(journeys)} journeys, ${n(events)} events`;
  }
  const journeys = sample.items;
  if (journeys.length === 0) {
    throw new Error(`no journeys in ${database}`);
  }
  const apiKeys: string[] = [];
  for (let i = 0; i < 20; i += 1) {
    const orgId = journeys[i % journeys.length].orgIds[0] ?? 'PORT-CQ';
    apiKeys.push((await keys.create({ role: 'PARTNER', orgId, name: `bench:queries ${i}` })).apiKey);
  }

  const recorder = new QueryRecorder(store);
  const queries = new JourneyQueries(
    new JourneysRepository(recorder.connection),
    new JourneyListsRepository(recorder.connection),
    new EventLogRepository(recorder.connection),
  );
  const lookups = new ApiKeysRepository(recorder.connection);
  const collection = recorder.connection.collection<JourneyDocument>('journeys');
  const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)];
  const documents = journeys.flatMap((j) => j.documents);
  const conveyances = journeys.flatMap((j) => journeyDocument(j).derived.conveyanceKeys);
  const listed = listedProjection(LIST_FIELDS);
  const afterOf = (from: Journey) => encodeCursor([from.coldChain ? LIST_PARTS[0] : LIST_PARTS[1], from.journeyId]);
  const paths: ReadPath[] = [
    {
      name: 'journey by container',
      run: async () => read([await queries.journey(PORT, pick(journeys).containerNo)], JOURNEY_PROJECTION),
      target: { ms: 10 },
    },
    {
      name: 'journeys by document ref',
      run: async () => read(await queries.byDocument(PORT, pick<DocumentRef>(documents), LIST_FIELDS), listed),
      target: { floorTimes: 1.5 },
    },
    {
      name: 'journeys by conveyance',
      run: async () => read(await queries.byConveyance(PORT, pick(conveyances), LIST_FIELDS), listed),
      target: { floorTimes: 1.5 },
    },
    {
      name: 'page of 20: corridor + status',
      run: async () => {
        const from = pick(journeys);
        const filter = { corridor: from.corridor, status: from.status };
        return read((await queries.list(PORT, filter, 20, afterOf(from), LIST_FIELDS)).nodes, listed);
      },
      target: { ms: 25 },
    },
    {
      name: 'page of 20: a partner, scoped',
      run: async () => {
        const from = pick(journeys);
        const partner: Principal = { ...PORT, role: 'PARTNER', orgId: pick(from.orgIds) };
        return read((await queries.list(partner, {}, 20, afterOf(from), LIST_FIELDS)).nodes, listed);
      },
      target: { floorTimes: 1.5 },
    },
    {
      name: 'timeline page (50 events)',
      run: async () => {
        await queries.timeline(PORT, pick(journeys).containerNo, 50);
        return read([], JOURNEY_PROJECTION);
      },
    },
    {
      name: 'API-key lookup',
      run: async () => {
        await lookups.authenticate(pick(apiKeys));
        return read([], JOURNEY_PROJECTION);
      },
    },
  ];
  // The store's floor for the same shape: the same journeys by _id with the same projection, read right after.
  const floor = async ({ ids, projection }: Read) =>
    ids.length === 0 ? 0 : (await collection.find({ _id: { $in: [...ids] } }, { projection }).toArray()).length;

  // Warm-up: connections, the owner directory, each filter's window sizes.
  for (let i = 0; i < 20; i += 1) {
    for (const path of paths) {
      await floor(await path.run());
    }
  }
  const timings = paths.map(() => [] as number[]);
  const floors = paths.map(() => [] as number[]);
  const returned = paths.map(() => 0);
  const reads = paths.map(() => [] as number[]);
  for (let round = 0; round < runs; round += 1) {
    for (const [i, path] of paths.entries()) {
      const before = recorder.queries.length;
      let started = performance.now();
      const done = await path.run();
      timings[i].push(performance.now() - started);
      reads[i].push(recorder.queries.length - before);
      returned[i] += done.ids.length;
      started = performance.now();
      if ((await floor(done)) !== done.ids.length) {
        throw new Error(`${path.name}: the floor read found other journeys than the read returned`);
      }
      floors[i].push(performance.now() - started);
    }
    recorder.queries.length = 0;
    if (round % 50 === 49) {
      process.stdout.write(`\rbench: ${round + 1} / ${runs} rounds`);
    }
  }
  console.log('');
  console.log(`\nbench:queries  (${size}; ${runs} runs of each, interleaved; store at ${new URL(uri).host})\n`);
  const columns = ['p50 ms', 'p99 ms', 'floor p50', 'floor p99', 'p99/floor', 'docs', 'queries', 'q p99'];
  console.log(`${'read'.padEnd(32)}${columns.map((c) => c.padStart(10)).join('')}   target`);
  for (const [i, path] of paths.entries()) {
    const sorted = [...timings[i]].sort((a, b) => a - b);
    const floorSorted = [...floors[i]].sort((a, b) => a - b);
    const p99 = percentile(sorted, 99);
    const floorP99 = returned[i] === 0 ? NaN : percentile(floorSorted, 99);
    const target =
      path.target === undefined
        ? ''
        : 'ms' in path.target
          ? `p99 <= ${path.target.ms} ms: ${p99 <= path.target.ms ? 'met' : 'NOT met'}`
          : `p99 <= ${path.target.floorTimes} x floor: ${p99 <= path.target.floorTimes * floorP99 ? 'met' : 'NOT met'}`;
    const cells = [
      percentile(sorted, 50),
      p99,
      returned[i] === 0 ? NaN : percentile(floorSorted, 50),
      floorP99,
      p99 / floorP99,
      returned[i] / runs,
      reads[i].reduce((sum, n) => sum + n, 0) / runs,
      percentile(
        [...reads[i]].sort((a, b) => a - b),
        99,
      ),
    ].map((v) => (Number.isNaN(v) ? '-' : v.toFixed(1)).padStart(10));
    console.log(`${path.name.padEnd(32)}${cells.join('')}   ${target}`);
  }
  console.log(
    '\nfloor: the same journeys read by _id with the same projection, right after each read; docs: journeys a read returns, on average; queries: store queries per read, on average; q p99: at the 99th percentile.',
  );

  await store.collection('api_keys').deleteMany({ name: /^bench:queries / });
  if (!reuse && !values.keep) {
    // SecantusDB drops a database document by document: minutes for a million events.
    console.log(`bench: dropping ${database}`);
    await store.dropDatabase();
    console.log(`bench: dropped ${database}`);
  } else {
    console.log(`bench: kept ${database} (reuse with --database ${database})`);
  }
  await store.close();
}

main().catch((error: unknown) => {
  console.error(`bench:queries: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});

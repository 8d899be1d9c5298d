import { Schema, type Connection, type Model } from 'mongoose';
import mongoose from 'mongoose';
import { dropDatabaseInSteps, upsertAllById } from '@mmt/store';
import { testDatabase } from './support/infra';
import { PrivateStore } from './support/private-store';

/**
 * What the platform needs of its store, checked against the real one (SecantusDB here, MongoDB 7 under
 * docker-compose), so that a gap in the store shows up as a failing test: round trips, duplicate-key errors
 * per document, bulk commands of thousands of statements, secondary indexes that queries really use, every
 * `$group` accumulator the analytics need, and acknowledged writes that survive a `kill -9`.
 */
interface Reading {
  _id: string;
  containerNo: string;
  corridor: string;
  at: Date;
  teu: number;
  tags: string[];
  place: { locode: string; facility?: string };
}

const readingSchema = new Schema<Reading>(
  {
    _id: { type: String, required: true },
    containerNo: { type: String, required: true },
    corridor: { type: String, required: true },
    at: { type: Date, required: true },
    teu: { type: Number, required: true },
    tags: { type: [String], default: [] },
    place: { locode: { type: String, required: true }, facility: String },
  },
  { versionKey: false },
);

interface Key {
  _id: string;
  hash: string;
}
const keySchema = new Schema<Key>(
  { _id: String, hash: { type: String, required: true, unique: true } },
  { versionKey: false },
);

const CORRIDORS = ['CHINA_EUROPE_RAIL', 'LAND_SEA_CORRIDOR', 'YANGTZE_RIVER_SEA'];
const BASE = Date.parse('2026-03-01T00:00:00Z');
const HOUR = 3_600_000;

function reading(i: number): Reading {
  return {
    _id: `evt-${String(i).padStart(5, '0')}`,
    containerNo: `CONT${i % 10}`,
    corridor: CORRIDORS[i % 3],
    at: new Date(BASE + i * HOUR),
    teu: i % 2 === 0 ? 2 : 1,
    tags: i % 5 === 0 ? ['reefer'] : [],
    place: { locode: i % 2 === 0 ? 'CNCQI' : 'DEDUI', facility: i % 2 === 0 ? 'TJC' : undefined },
  };
}

describe('Store (real MongoDB wire protocol)', () => {
  let db: Connection;
  let Readings: Model<Reading>;
  let Keys: Model<Key>;

  beforeAll(async () => {
    db = await testDatabase('store');
    Readings = db.model<Reading>('Reading', readingSchema, 'readings');
    Keys = db.model<Key>('Key', keySchema, 'keys');
    await Keys.init();
    const info = await db.db!.admin().buildInfo();
    console.log(`Store at ${db.host}:${db.port} reports MongoDB ${info.version}`);
  });

  afterAll(async () => {
    await dropDatabaseInSteps(db);
    await db.close();
  });

  it('round-trips a document with nested fields, arrays and dates', async () => {
    await Readings.create(reading(1));
    const back = await Readings.findById('evt-00001').lean();
    expect(back).toEqual({ ...reading(1), place: { locode: 'DEDUI' } });
  });

  it('rejects a duplicate _id with E11000, as MongoDB does', async () => {
    const duplicate = Readings.create(reading(1));
    await expect(duplicate).rejects.toMatchObject({ code: 11000 });
    await expect(duplicate).rejects.toThrow(/E11000 duplicate key/);
  });

  it('rejects a unique-index violation with E11000', async () => {
    await Keys.create({ _id: 'k1', hash: 'same' });
    await expect(Keys.create({ _id: 'k2', hash: 'same' })).rejects.toMatchObject({ code: 11000 });
    expect(await Keys.countDocuments()).toBe(1);
  });

  it('insertMany unordered keeps the new documents and reports each duplicate (append-only log)', async () => {
    const batch = [reading(1), reading(2), reading(3), reading(2)];
    const error = await Readings.insertMany(batch, { ordered: false }).then(
      () => undefined,
      (e: { code?: number; writeErrors?: unknown[] }) => e,
    );
    expect(error?.code).toBe(11000);
    expect(error?.writeErrors).toHaveLength(2);
    expect((await Readings.find({ _id: { $in: ['evt-00002', 'evt-00003'] } }).lean()).map((r) => r._id).sort()).toEqual(
      ['evt-00002', 'evt-00003'],
    );
  });

  it('bulk-upserts by _id: inserts the new, replaces the changed, leaves the rest', async () => {
    await Readings.deleteMany({});
    const first = await upsertAllById(
      db.collection<Reading>('readings'),
      Array.from({ length: 500 }, (_, i) => reading(i)),
    );
    expect(first.upserted).toBe(500);

    const second = await upsertAllById(
      db.collection<Reading>('readings'),
      Array.from({ length: 600 }, (_, i) => ({ ...reading(i), teu: 4 })),
    );
    expect(second).toEqual({ inserted: 0, upserted: 100, matched: 500, modified: 500 });
    expect(await Readings.countDocuments({ teu: 4 })).toBe(600);

    const unchanged = await upsertAllById(db.collection<Reading>('readings'), [{ ...reading(7), teu: 4 }]);
    expect(unchanged).toMatchObject({ matched: 1, upserted: 0 });
    await Readings.updateOne({ _id: 'evt-00000' }, { $set: { teu: 2 } });
  });

  it('serves sort, range and $in queries, with skip and limit', async () => {
    const from = new Date(BASE + 100 * HOUR);
    const to = new Date(BASE + 110 * HOUR);
    const inRange = await Readings.find({ at: { $gte: from, $lt: to }, corridor: 'CHINA_EUROPE_RAIL' })
      .sort({ at: -1 })
      .lean();
    expect(inRange.map((r) => r._id)).toEqual(['evt-00108', 'evt-00105', 'evt-00102']);

    const page = await Readings.find({ containerNo: 'CONT3' }).sort({ at: 1, _id: 1 }).skip(2).limit(3).lean();
    expect(page.map((r) => r._id)).toEqual(['evt-00023', 'evt-00033', 'evt-00043']);

    const byCursor = await Readings.find({ _id: { $gt: 'evt-00597' } })
      .sort({ _id: 1 })
      .lean();
    expect(byCursor.map((r) => r._id)).toEqual(['evt-00598', 'evt-00599']);

    expect(await Readings.countDocuments({ 'place.locode': 'CNCQI', tags: 'reefer' })).toBe(60);
  });

  it('serves the aggregation stages analytics uses: $match, $group, $sort, $project, $skip, $limit, $unwind', async () => {
    const perCorridor = (sum: string | number) =>
      Readings.aggregate<{ _id: string; value: number }>([
        { $match: { at: { $gte: new Date(BASE), $lt: new Date(BASE + 300 * HOUR) } } },
        { $group: { _id: '$corridor', value: { $sum: sum } } },
        { $sort: { _id: 1 } },
        { $project: { _id: 1, value: 1 } },
        { $skip: 0 },
        { $limit: 5 },
      ]);
    expect(await perCorridor(1)).toEqual([
      { _id: 'CHINA_EUROPE_RAIL', value: 100 },
      { _id: 'LAND_SEA_CORRIDOR', value: 100 },
      { _id: 'YANGTZE_RIVER_SEA', value: 100 },
    ]);
    expect(await perCorridor('$teu')).toEqual([
      { _id: 'CHINA_EUROPE_RAIL', value: 398 },
      { _id: 'LAND_SEA_CORRIDOR', value: 400 },
      { _id: 'YANGTZE_RIVER_SEA', value: 400 },
    ]);

    const tags = await Readings.aggregate<{ _id: string; n: number }>([
      { $match: { tags: { $exists: true, $ne: [] } } },
      { $unwind: '$tags' },
      { $group: { _id: '$tags', n: { $sum: 1 } } },
    ]);
    expect(tags).toEqual([{ _id: 'reefer', n: 120 }]);
  });

  it('computes every $group accumulator of one stage, not only the first', async () => {
    const stats = await Readings.aggregate<Record<string, unknown>>([
      { $match: { corridor: 'CHINA_EUROPE_RAIL', at: { $lt: new Date(BASE + 30 * HOUR) } } },
      { $sort: { at: 1 } },
      {
        $group: {
          _id: '$corridor',
          n: { $sum: 1 },
          teu: { $sum: '$teu' },
          minTeu: { $min: '$teu' },
          maxTeu: { $max: '$teu' },
          avgTeu: { $avg: '$teu' },
          first: { $first: '$_id' },
          ids: { $push: '$_id' },
        },
      },
    ]);
    // The same figures computed in code from a plain find.
    const docs = await Readings.find({ corridor: 'CHINA_EUROPE_RAIL', at: { $lt: new Date(BASE + 30 * HOUR) } })
      .sort({ at: 1 })
      .lean();
    const teus = docs.map((d) => d.teu);
    expect(docs).toHaveLength(10);
    expect(new Set(teus).size).toBeGreaterThan(1);
    expect(stats).toEqual([
      {
        _id: 'CHINA_EUROPE_RAIL',
        n: 10,
        teu: teus.reduce((a, b) => a + b, 0),
        minTeu: Math.min(...teus),
        maxTeu: Math.max(...teus),
        avgTeu: teus.reduce((a, b) => a + b, 0) / 10,
        first: docs[0]._id,
        ids: docs.map((d) => d._id),
      },
    ]);
  });

  it('answers a query on an indexed field through the index, not by scanning the collection', async () => {
    await Readings.collection.createIndex({ containerNo: 1 });
    const explained = (await Readings.find({ containerNo: 'CONT3' }).explain('executionStats')) as unknown as {
      queryPlanner: { winningPlan: unknown };
      executionStats: { nReturned: number; totalDocsExamined: number };
    };
    expect(JSON.stringify(explained.queryPlanner.winningPlan)).toContain('IXSCAN');
    expect(JSON.stringify(explained.queryPlanner.winningPlan)).not.toContain('COLLSCAN');
    expect(explained.executionStats.totalDocsExamined).toBe(explained.executionStats.nReturned);
  });

  it('takes bulk commands of thousands of statements: 5,000 inserts and 2,000 updates in one call each', async () => {
    const bulk = db.collection<Reading>('bulk');
    const inserted = await bulk.insertMany(
      Array.from({ length: 5000 }, (_, i) => ({ ...reading(i), _id: `bulk-${i}` })),
      { ordered: false },
    );
    expect(inserted.insertedCount).toBe(5000);
    const updated = await bulk.bulkWrite(
      Array.from({ length: 2000 }, (_, i) => ({
        replaceOne: { filter: { _id: `bulk-${i}` }, replacement: { ...reading(i), _id: `bulk-${i}`, teu: 9 } },
      })),
      { ordered: false },
    );
    expect(updated.modifiedCount).toBe(2000);
    expect(await bulk.countDocuments({ teu: 9 })).toBe(2000);
  });

  /** A database of its own holding 3,000 readings with two indexes. */
  const filled = async (name: string) => {
    const other = db.useDb(`${db.name}_${name}`, { useCache: false });
    const readings = other.collection<Reading>('readings');
    await readings.createIndex({ containerNo: 1, at: 1 });
    await readings.createIndex({ tags: 1 });
    await readings.insertMany(Array.from({ length: 3000 }, (_, i) => ({ ...reading(i), _id: `${name}-${i}` })));
    return other;
  };

  /** The longest a one-document read by another client waits while `work` runs. */
  const longestReadDuring = async (work: () => Promise<unknown>) => {
    const probe = db.collection<{ _id: string }>('probe');
    await probe.updateOne({ _id: 'probe' }, { $set: { seen: true } }, { upsert: true });
    let done = false;
    const working = work().finally(() => (done = true));
    let longest = 0;
    while (!done) {
      const started = performance.now();
      await probe.findOne({ _id: 'probe' });
      longest = Math.max(longest, performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await working;
    return longest;
  };

  it('drops a database in steps that let other clients in, where one dropDatabase holds them all up', async () => {
    const plain = await filled('plain');
    const plainWaitMs = await longestReadDuring(() => plain.dropDatabase());
    const stepped = await filled('stepped');
    const steppedWaitMs = await longestReadDuring(() => dropDatabaseInSteps(stepped));
    console.log(
      `store: a read waited up to ${Math.round(plainWaitMs)} ms during one dropDatabase of 3,000 documents, ${Math.round(steppedWaitMs)} ms during the drop in steps`,
    );

    const { databases } = await db.db!.admin().listDatabases();
    expect(databases.map((d) => d.name)).not.toContain(stepped.name);
    expect(steppedWaitMs).toBeLessThan(plainWaitMs / 4);
  });
});

describe('Embedded store durability', () => {
  it('keeps every acknowledged write after a kill -9 and a restart on the same data', async () => {
    const store = await PrivateStore.start();
    try {
      type Write = { _id: string; n: number };
      let connection = await mongoose.createConnection(store.uri('durability')).asPromise();
      const acknowledged = Array.from({ length: 300 }, (_, i) => ({ _id: `ack-${i}`, n: i }));
      for (let i = 0; i < acknowledged.length; i += 100) {
        await connection.collection<Write>('writes').insertMany(acknowledged.slice(i, i + 100));
      }
      await connection.collection<Write>('writes').updateOne({ _id: 'ack-7' }, { $set: { n: -7 } });
      await connection.close();
      await store.kill();

      await store.restart();
      connection = await mongoose.createConnection(store.uri('durability')).asPromise();
      const back = await connection.collection<Write>('writes').find({}).sort({ n: 1 }).toArray();
      await connection.close();
      expect(back).toHaveLength(300);
      expect(back[0]).toEqual({ _id: 'ack-7', n: -7 });
    } finally {
      await store.remove();
    }
  });
});

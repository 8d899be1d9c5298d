import type { KafkaMessage } from 'kafkajs';
import type { Connection } from 'mongoose';
import { TOPICS, type RawTopic } from '@mmt/contracts';
import { ConveyancesRepository } from '@mmt/store';
import { normalizeBatch } from '../apps/normalizer/src/normalize-batch';
import { bytes, inTransitPerConveyance, manifest } from '../libs/normalize/src/test-fixtures';
import { testDatabase } from './support/infra';

const TRAIN = { mode: 'RAIL', trainNo: 'X8001', departureDate: '2026-03-01' };

function source(rawTopic: RawTopic, value: unknown, offset: string) {
  const message = { key: null, value: bytes(value), offset, timestamp: '1772330700000', attributes: 0, headers: {} };
  return { topic: rawTopic, rawTopic, partition: 0, message: message as unknown as KafkaMessage };
}

/** The conveyance join against the real store: a train report reaches the manifest's containers once. */
describe('Conveyance join (normalizer, real store)', () => {
  let db: Connection;
  let conveyances: ConveyancesRepository;
  const report = source(TOPICS.rawInTransit, inTransitPerConveyance(), '5');
  const railManifest = {
    ...manifest(),
    source: 'CHINA_EUROPE_RAIL',
    conveyance: TRAIN,
    placeOfLoading: { locode: 'CNCQI', facility: 'TJC' },
    placeOfDischarge: { locode: 'DEDUI', facility: 'DIT' },
  };
  const reportEventsIn = (events: { source: { rawRef: string } }[]) =>
    events.filter((e) => e.source.rawRef === `${TOPICS.rawInTransit}/0/5`);

  beforeAll(async () => {
    db = await testDatabase('join');
    conveyances = new ConveyancesRepository(db);
    await conveyances.ensureIndexes();
  });

  afterAll(async () => {
    await db.dropDatabase();
    await db.close();
  });

  it('sends a report to a later manifest’s containers, again when that manifest is redone, not for a resend', async () => {
    const first = await normalizeBatch([report], conveyances);
    expect(first.deadLetters).toEqual([]);
    expect(reportEventsIn(first.events)).toEqual([]);

    const joined = await normalizeBatch([source(TOPICS.rawManifest, railManifest, '7')], conveyances);
    expect(joined.deadLetters).toEqual([]);
    const fannedOut = reportEventsIn(joined.events);
    expect(new Set(fannedOut.map((e) => (e as unknown as { containerNo: string }).containerNo)).size).toBe(2);

    // The same raw message again (its batch redone after a crash): its fan-out may never have been sent.
    const redone = await normalizeBatch([source(TOPICS.rawManifest, railManifest, '7')], conveyances);
    expect(reportEventsIn(redone.events)).toEqual(fannedOut);

    // A resend of the manifest as a new message: the containers already had the report.
    const resent = await normalizeBatch([source(TOPICS.rawManifest, railManifest, '9')], conveyances);
    expect(resent.events.length).toBeGreaterThan(0);
    expect(reportEventsIn(resent.events)).toEqual([]);
  });
});

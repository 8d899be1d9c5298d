import type { KafkaMessage } from 'kafkajs';
import mongoose, { type Connection } from 'mongoose';
import { TOPICS, type RawTopic, type TrackingEvent } from '@mmt/contracts';
import { ConveyancesRepository, dropDatabaseInSteps } from '@mmt/store';
import { normalizeBatch } from '../apps/normalizer/src/normalize-batch';
import {
  bytes,
  inTransitPerConveyance,
  manifest,
  omit,
  type JsonRecord,
} from '../libs/domain/normalize/src/testing/raw-message.factory';
import { infra, testDatabase } from './support/infra';

const TRAIN = { mode: 'RAIL', trainNo: 'X8001', departureDate: '2026-03-01' };

/** A train-level in-transit report (the fixture's, without its ETA) with these fields. */
function trainReport<T extends JsonRecord>(fields: T) {
  return { ...omit(inTransitPerConveyance(), 'estimatedArrival'), ...fields };
}

/** When the broker appended the messages: after every fixture's sentAt. */
const RECEIVED = String(Date.parse('2026-03-20T00:00:00Z'));

function source(rawTopic: RawTopic, value: unknown, offset: string) {
  const message = { key: null, value: bytes(value), offset, timestamp: RECEIVED, attributes: 0, headers: {} };
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
    await dropDatabaseInSteps(db);
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

  it('takes every container of a train, also one manifested after the transfer, onto the next train and its reports', async () => {
    const wideGauge = { mode: 'RAIL', trainNo: 'X8001K', departureDate: '2026-03-04' };
    const transferTrain = { ...TRAIN, departureDate: '2026-03-02' };
    const onWideGauge = trainReport({
      messageId: 'cer-x8001k-arr-brest',
      sentAt: '2026-03-13T10:05:00Z',
      status: 'ARRIVED',
      eventTime: '2026-03-13T10:00:00Z',
      location: { locode: 'BYBQT', facility: 'BRS' },
      conveyance: wideGauge,
    });
    const transfer = trainReport({
      messageId: 'cer-x8001-transfer-akl',
      sentAt: '2026-03-04T20:05:00+08:00',
      status: 'TRANSFERRED',
      eventTime: '2026-03-04T20:00:00+08:00',
      location: { locode: 'CNAKL', facility: 'AKB' },
      conveyance: transferTrain,
      toConveyance: wideGauge,
      gauge: '1520',
    });
    const lateManifest = { ...railManifest, messageId: 'mf-late', conveyance: transferTrain };
    const codes = (events: TrackingEvent[]) =>
      events
        .filter((e) => e.source.rawRef.startsWith(`${TOPICS.rawInTransit}/0/2`))
        .map(
          (e) =>
            `${e.containerNo} ${'equipmentEventTypeCode' in e ? e.equipmentEventTypeCode : ''}${'transportEventTypeCode' in e ? e.transportEventTypeCode : ''} ${'conveyance' in e ? e.conveyance?.mode === 'RAIL' && e.conveyance.trainNo : ''}`,
        )
        .sort();

    // The next train's report and the transfer come first, while nobody is known to be on either train.
    const early = await normalizeBatch(
      [source(TOPICS.rawInTransit, onWideGauge, '21'), source(TOPICS.rawInTransit, transfer, '22')],
      conveyances,
    );
    expect(early.deadLetters).toEqual([]);
    expect(codes(early.events)).toEqual([]);

    const manifested = await normalizeBatch([source(TOPICS.rawManifest, lateManifest, '23')], conveyances);
    expect(manifested.deadLetters).toEqual([]);
    const containers = (lateManifest as unknown as { containers: { containerNo: string }[] }).containers.map(
      (c) => c.containerNo,
    );
    expect(codes(manifested.events)).toEqual(
      containers.flatMap((no) => [`${no} ARRI X8001K`, `${no} TRANSFER X8001K`]).sort(),
    );

    // A later report of the next train reaches them as members of it.
    const later = {
      ...onWideGauge,
      messageId: 'cer-x8001k-dep-brest',
      status: 'DEPARTED',
      eventTime: '2026-03-14T09:00:00Z',
      sentAt: '2026-03-14T09:05:00Z',
    };
    const departed = await normalizeBatch([source(TOPICS.rawInTransit, later, '24')], conveyances);
    expect(codes(departed.events)).toEqual(containers.map((no) => `${no} DEPA X8001K`).sort());
  });

  it('keeps reports of two sources that use the same messageId apart, and a corrected report as a report of its own', async () => {
    const train = { ...TRAIN, trainNo: 'X9002' };
    const report = trainReport({
      messageId: 'shared-id-7',
      conveyance: train,
    });
    const otherSource = {
      ...report,
      source: 'LAND_SEA_CORRIDOR',
      status: 'PASSED',
      eventTime: '2026-03-01T12:00:00+08:00',
    };
    const corrected = { ...report, sentAt: '2026-03-01T11:05:00+08:00', eventTime: '2026-03-01T10:30:00+08:00' };
    await normalizeBatch(
      [source(TOPICS.rawInTransit, report, '31'), source(TOPICS.rawInTransit, otherSource, '32')],
      conveyances,
    );
    const withCorrection = await normalizeBatch([source(TOPICS.rawInTransit, corrected, '33')], conveyances);
    expect(withCorrection.events).toEqual([]);

    const manifested = await normalizeBatch(
      [source(TOPICS.rawManifest, { ...railManifest, messageId: 'mf-x9002', conveyance: train }, '34')],
      conveyances,
    );
    const fromReports = manifested.events.filter((e) => e.source.rawKind === 'IN_TRANSIT');
    const containers = new Set(fromReports.map((e) => e.containerNo));
    expect(containers.size).toBe(2);
    // Per container: the report, its correction (same event id, later sentAt) and the other source's report.
    const perContainer = fromReports
      .filter((e) => e.containerNo === [...containers][0])
      .map((e) => [e.source.system, e.eventDateTime, e.eventCreatedDateTime])
      .sort();
    expect(perContainer).toEqual(
      [
        ['CHINA_EUROPE_RAIL', inTransitPerConveyance()['eventTime'], inTransitPerConveyance()['sentAt']],
        ['CHINA_EUROPE_RAIL', corrected.eventTime, corrected.sentAt],
        ['LAND_SEA_CORRIDOR', otherSource.eventTime, inTransitPerConveyance()['sentAt']],
      ].sort(),
    );
  });

  it('sends a membership a batch names twice once, and fans out a redone batch’s as it was stored', async () => {
    // The same store, through a connection that shows what is sent to it.
    const watched = await mongoose.createConnection(infra.mongodbUri, { monitorCommands: true }).asPromise();
    const insertedDocuments: number[] = [];
    watched.getClient().on('commandStarted', ({ commandName, command }) => {
      if (commandName === 'insert') {
        insertedDocuments.push((command.documents as unknown[]).length);
      }
    });
    const members = new ConveyancesRepository(watched.useDb(db.name, { useCache: false }));
    const member = (containerNo: string, rawRef: string) => ({
      conveyanceKey: 'RAIL:X9001:2026-04-01',
      containerNo,
      documents: [],
      rawRef,
    });
    try {
      // One raw message naming a container twice (a manifest listing it twice, say) and another naming it too.
      const first = await members.addMembers([
        member('MSKU1000001', 'raw/0/1'),
        member('MSKU1000001', 'raw/0/1'),
        member('MSKU1000001', 'raw/0/2'),
        member('MSKU1000002', 'raw/0/2'),
      ]);
      expect(insertedDocuments).toEqual([2]);
      expect(first.map((m) => `${m.containerNo} ${m.rawRef}`).sort()).toEqual([
        'MSKU1000001 raw/0/1',
        'MSKU1000002 raw/0/2',
      ]);

      // Redone: the message whose write is stored fans out again, even when another names the member first.
      const redone = await members.addMembers([member('MSKU1000002', 'raw/0/9'), member('MSKU1000002', 'raw/0/2')]);
      expect(redone.map((m) => `${m.containerNo} ${m.rawRef}`)).toEqual(['MSKU1000002 raw/0/2']);
      // A new message naming a known member: nothing new.
      expect(await members.addMembers([member('MSKU1000001', 'raw/0/3')])).toEqual([]);
    } finally {
      await watched.close();
    }
  });
});

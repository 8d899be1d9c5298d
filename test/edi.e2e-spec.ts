import type { Connection } from 'mongoose';
import type { Producer } from 'kafkajs';
import { TOPICS, type DeadLetter, type EdiReply, type RawLoading, type TrackingEvent } from '@mmt/contracts';
import { connectStore, eventsOfPage, type EventLogPage } from '@mmt/store';
import { createProducer } from '@mmt/kafka';
import { readTopicToEnd } from './support/dead-letters';
import { waitFor } from './support/graphql-client';
import { TestPipeline } from './support/pipeline';

const CONTAINER = 'CSQU3054383';

/**
 * An interchange from Qinzhou's port EDI centre with the right counts, in SMDG D.95B codes as its UNH says; `ref` is
 * its control reference.
 */
function interchange(ref: string, type: string, body: string, sent = "DTM+137:202603011930?+08:303'"): string {
  const segments = [
    `BGM+${type === 'CODECO' ? '34' : '46'}+DOC-${ref}+9'`,
    sent,
    ...body
      .trim()
      .split('\n')
      .map((l) => l.trim()),
  ];
  return [
    `UNB+UNOC:3+QZPORTEDI:ZZZ+MMTPLATFORM:ZZZ+260301:1935+${ref}'`,
    `UNH+1+${type}:D:95B:UN:ITG14'`,
    ...segments,
    `UNT+${segments.length + 2}+1'`,
    `UNZ+1+${ref}'`,
  ].join('\n');
}

const gateIn = (ref: string, time = '202603011902?+08') =>
  interchange(
    ref,
    'CODECO',
    `LOC+165+CNQZH:139:6+QCT:TER:ZZZ'
     EQD+CN+${CONTAINER}+45G1:102:5++2+5'
     DTM+7:${time}:303'`,
  );
const load = (ref: string) =>
  interchange(
    ref,
    'COARRI',
    `TDT+20+026E+1++COSCO:172:20+++9456719:146:11:COSCO ADEN'
     LOC+9+CNQZH:139:6+QCT:TER:ZZZ'
     EQD+CN+${CONTAINER}+45G1:102:5++2+5'
     DTM+203:202603021432?+08:303'`,
  );

/** The bad inputs, each with what its CONTRL must say. */
const BAD: { name: string; ref: string; bytes: Buffer; uci: string }[] = [
  {
    name: 'truncated',
    ref: 'BAD01',
    bytes: Buffer.from(gateIn('BAD01').slice(0, -40)),
    uci: 'UCI+BAD01+QZPORTEDI+MMTPLATFORM+4+13+UNZ',
  },
  {
    name: 'wrong UNT count',
    ref: 'BAD02',
    bytes: Buffer.from(gateIn('BAD02').replace("UNT+7+1'", "UNT+9+1'")),
    uci: 'UCI+BAD02+QZPORTEDI+MMTPLATFORM+4',
  },
  {
    name: 'wrong UNZ count',
    ref: 'BAD03',
    bytes: Buffer.from(gateIn('BAD03').replace("UNZ+1+BAD03'", "UNZ+3+BAD03'")),
    uci: 'UCI+BAD03+QZPORTEDI+MMTPLATFORM+4+29+UNZ+1',
  },
  {
    name: 'unknown message type',
    ref: 'BAD04',
    bytes: Buffer.from(gateIn('BAD04').replace('CODECO:D:95B', 'BAPLIE:D:95B')),
    uci: 'UCI+BAD04+QZPORTEDI+MMTPLATFORM+4',
  },
  {
    name: '5 MB',
    ref: 'BAD05',
    bytes: Buffer.from(gateIn('BAD05').replace('EQD', `${"FTX+AAA+++PADDING'\n".repeat(280_000)}EQD`)),
    uci: 'UCI+BAD05+QZPORTEDI+MMTPLATFORM+4+18',
  },
  {
    name: 'binary garbage',
    ref: '',
    bytes: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)),
    uci: 'UCI++++4+21',
  },
];

describe('edi service: UN/EDIFACT interchanges in, raw messages and CONTRL out (real Kafka, real store)', () => {
  const pipeline = new TestPipeline('edi');
  let store: Connection;
  let producer: Producer;
  let replies: EdiReply[];
  let letters: DeadLetter[];
  let loadings: RawLoading[];

  const send = (bytes: Buffer) =>
    producer.send({ topic: pipeline.topics.name(TOPICS.rawEdifact), messages: [{ key: 'QZPORTEDI', value: bytes }] });

  beforeAll(async () => {
    store = await connectStore(pipeline.config.mongodbUri);
    await pipeline.startEdi();
    await pipeline.start();
    producer = createProducer(pipeline.kafka);
    await producer.connect();
    // One at a time, in this order, all on one partition (same key): bad input first, then valid interchanges.
    await send(Buffer.from(gateIn('GOOD01')));
    for (const bad of BAD) {
      await send(bad.bytes);
    }
    await send(Buffer.from(gateIn('GOOD01')));
    await send(Buffer.from(gateIn('GOOD01', '202603011904?+08')));
    await send(Buffer.from(load('GOOD02')));
    await pipeline.waitUntilCommittedToEnd('edi', [pipeline.topics.name(TOPICS.rawEdifact)]);
    replies = await readTopicToEnd<EdiReply>(pipeline, pipeline.topics.name(TOPICS.ediReplies));
    letters = await readTopicToEnd<DeadLetter>(pipeline, pipeline.topics.name(TOPICS.deadLetter));
    loadings = await readTopicToEnd<RawLoading>(pipeline, pipeline.topics.name(TOPICS.rawLoading));
  }, 120_000);

  afterAll(async () => {
    await producer.disconnect();
    await pipeline.stop(store);
    await store.close();
  });

  it('answers every interchange, in order, and nothing crashes', () => {
    expect(pipeline.fatal).toEqual([]);
    expect(replies.map((r) => r.interchangeRef)).toEqual([
      'GOOD01',
      ...BAD.map((b) => b.ref),
      'GOOD01',
      'GOOD01',
      'GOOD02',
    ]);
  });

  it('rejects each bad input with a CONTRL placing the error, and dead-letters it whole with the reasons', () => {
    BAD.forEach((bad, i) => {
      const reply = replies[i + 1];
      expect({ name: bad.name, accepted: reply.accepted }).toEqual({ name: bad.name, accepted: false });
      expect(reply.contrl).toContain(bad.uci);
    });
    expect(replies[2].contrl).toContain("UCM+1+CODECO:D:95B:UN+4+29+UNT'");
    expect(replies[4].contrl).toContain("UCM+1+BAPLIE:D:95B:UN+4+14+UNH'");
    const bad = letters.filter((l) => l.sourceTopic === pipeline.topics.name(TOPICS.rawEdifact));
    expect(bad.map((l) => l.service)).toEqual(Array(BAD.length + 1).fill('edi'));
    expect(bad.slice(0, BAD.length).map((l) => l.originalBytes)).toEqual(BAD.map((b) => b.bytes.length));
    expect(bad[4].reason).toContain('over the 1048576-byte limit');
    expect(bad[0].errors).toEqual(expect.arrayContaining([expect.stringContaining('no UNZ')]));
  });

  it('gives a resent interchange the same CONTRL and applies nothing again; other content under its reference is refused', () => {
    const [first] = replies;
    const resent = replies[BAD.length + 1];
    const reused = replies[BAD.length + 2];
    expect(first).toEqual(expect.objectContaining({ accepted: true, duplicate: false, rawMessages: 1 }));
    expect(resent).toEqual({ ...first, duplicate: true });
    expect(reused.accepted).toBe(false);
    expect(reused.contrl).toContain('UCI+GOOD01+QZPORTEDI+MMTPLATFORM+4+26+UNB+5');
    expect(letters.at(-1)?.reason).toContain('GOOD01 of QZPORTEDI was used');
  });

  it('applies the valid interchanges after the bad ones: their raw loading reports, then their events', async () => {
    expect(replies.at(-1)).toEqual(expect.objectContaining({ accepted: true, rawMessages: 1 }));
    expect(loadings.map((l) => [l.operation, l.containerNo, l.eventTime])).toEqual([
      ['GATE_IN', CONTAINER, '2026-03-01T19:02:00+08:00'],
      ['LOAD', CONTAINER, '2026-03-02T14:32:00+08:00'],
    ]);
    let events: TrackingEvent[] = [];
    await waitFor(
      'the gate-in and the load in the event log',
      async () => {
        const pages = await store.collection<EventLogPage>('events').find({}).toArray();
        events = pages.flatMap(eventsOfPage).filter((e) => e.containerNo === CONTAINER);
        return events.length === 2;
      },
      60_000,
    );
    expect(events.map((e) => [e.source.system, e.source.rawKind])).toEqual([
      ['LAND_SEA_CORRIDOR', 'LOADING'],
      ['LAND_SEA_CORRIDOR', 'LOADING'],
    ]);
  });
});

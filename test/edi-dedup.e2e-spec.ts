import type { Connection } from 'mongoose';
import { dropDatabaseInSteps } from '@mmt/store';
import { EdiInterchangesRepository, receiveInterchange, receiveInterchanges } from '@mmt/edi';
import { testDatabase } from './support/infra';

/** A gate-in report from Qinzhou under control reference `ref`; `time` changes its content. */
function gateIn(ref: string, time = '202603011902?+08'): Buffer {
  const body = [
    `BGM+34+GI-${ref}+9'`,
    "DTM+137:202603011930?+08:303'",
    "LOC+165+CNQZH:139:6+QCT:TER:ZZZ'",
    "EQD+CN+CSQU3054383+45G1:102:5++2+5'",
    `DTM+7:${time}:303'`,
  ];
  const lines = [
    `UNB+UNOC:3+QZPORTEDI:ZZZ+MMTPLATFORM:ZZZ+260301:1935+${ref}'`,
    "UNH+1+CODECO:D:95B:UN'",
    ...body,
    `UNT+${body.length + 2}+1'`,
    `UNZ+1+${ref}'`,
  ];
  return Buffer.from(lines.join('\n'), 'latin1');
}

describe('interchange deduplication in the store (edi_interchanges)', () => {
  let db: Connection;
  let interchanges: EdiInterchangesRepository;

  beforeAll(async () => {
    db = await testDatabase('edi-dedup');
    interchanges = new EdiInterchangesRepository(db);
    await interchanges.ensureIndexes();
  });

  afterAll(async () => {
    await dropDatabaseInSteps(db);
    await db.close();
  });

  it('maps an interchange the first time and again when the same place reads it again (a batch redone)', async () => {
    const first = await receiveInterchange(gateIn('D01'), 'raw.edifact.v1/0/7', interchanges);
    const redone = await receiveInterchange(gateIn('D01'), 'raw.edifact.v1/0/7', interchanges);
    expect(first.mapped).toHaveLength(1);
    expect(redone).toEqual(first);
    expect(await interchanges.collection.countDocuments({ _id: 'QZPORTEDI|MMTPLATFORM|D01' })).toBe(1);
  });

  it('answers a resend from elsewhere with the first answer, marked duplicate, and maps nothing', async () => {
    const first = await receiveInterchange(gateIn('D02'), 'raw.edifact.v1/1/3', interchanges);
    const resent = await receiveInterchange(gateIn('D02'), 'raw.edifact.v1/4/90', interchanges);
    expect(resent).toEqual({ mapped: [], reply: { ...first.reply, duplicate: true }, deadLetterReasons: [] });
  });

  it('rejects other content under a reference already applied, and leaves the record as it was', async () => {
    await receiveInterchange(gateIn('D03'), 'raw.edifact.v1/2/1', interchanges);
    const before = await interchanges.collection.findOne({ _id: 'QZPORTEDI|MMTPLATFORM|D03' });
    const other = await receiveInterchange(gateIn('D03', '202603011904?+08'), 'raw.edifact.v1/2/2', interchanges);
    expect(other.mapped).toEqual([]);
    expect(other.reply.accepted).toBe(false);
    expect(other.reply.contrl).toContain("UCI+D03+QZPORTEDI+MMTPLATFORM+4+26+UNB+5:1'");
    expect(other.deadLetterReasons).toEqual([
      expect.stringContaining('interchange reference D03 of QZPORTEDI was used'),
    ]);
    expect(await interchanges.collection.findOne({ _id: 'QZPORTEDI|MMTPLATFORM|D03' })).toEqual(before);
  });

  it('applies an interchange again once what one request recorded is forgotten (its sends failed)', async () => {
    await receiveInterchange(gateIn('D05'), 'http/k1/request-1', interchanges);
    await interchanges.forget('http/k1/request-1');
    const retried = await receiveInterchange(gateIn('D05'), 'http/k1/request-2', interchanges);
    expect(retried.mapped).toHaveLength(1);
    expect(retried.reply.duplicate).toBe(false);
  });

  it('tells the copies of one interchange apart within one batch, with one write for all', async () => {
    const [first, resent, other] = await receiveInterchanges(
      [
        { bytes: gateIn('D06'), receivedFrom: 'raw.edifact.v1/5/1' },
        { bytes: gateIn('D06'), receivedFrom: 'raw.edifact.v1/5/2' },
        { bytes: gateIn('D06', '202603011904?+08'), receivedFrom: 'raw.edifact.v1/5/3' },
      ],
      interchanges,
    );
    expect(first.mapped).toHaveLength(1);
    expect(resent).toEqual({ mapped: [], reply: { ...first.reply, duplicate: true }, deadLetterReasons: [] });
    expect(other.reply.contrl).toContain('+4+26+UNB+5:1');
  });

  it('does not record an interchange rejected whole, so that a corrected one may take its reference', async () => {
    const truncated = gateIn('D04').subarray(0, -20);
    const rejected = await receiveInterchange(truncated, 'raw.edifact.v1/3/1', interchanges);
    expect(rejected.reply.accepted).toBe(false);
    expect(await interchanges.collection.countDocuments({ _id: 'QZPORTEDI|MMTPLATFORM|D04' })).toBe(0);
    const corrected = await receiveInterchange(gateIn('D04'), 'raw.edifact.v1/3/2', interchanges);
    expect(corrected.reply).toEqual(expect.objectContaining({ accepted: true, duplicate: false, rawMessages: 1 }));
  });
});

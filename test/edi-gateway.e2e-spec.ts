import type { Connection } from 'mongoose';
import { ApiKeysRepository } from '@mmt/access';
import { TOPICS, type DeadLetter, type EdiReply, type RawLoading } from '@mmt/contracts';
import { connectStore } from '@mmt/store';
import { readTopicToEnd } from './support/dead-letters';
import { query } from './support/graphql-client';
import { TestPipeline } from './support/pipeline';

/** A gate-in report from `sender`, control reference `ref`, for `containerNo`. */
function gateIn(ref: string, containerNo = 'CSQU3054383', sender = 'QZPORTEDI'): string {
  const body = [
    `BGM+34+GI-${ref}+9'`,
    "DTM+137:202603011930?+08:303'",
    "LOC+165+CNQZH:139:6+QCT:TER:ZZZ'",
    `EQD+CN+${containerNo}+45G1:102:5++2+5'`,
    "DTM+7:202603011902?+08:303'",
  ];
  return [
    `UNB+UNOC:3+${sender}:ZZZ+MMTPLATFORM:ZZZ+260301:1935+${ref}'`,
    "UNH+1+CODECO:D:95B:UN'",
    ...body,
    `UNT+${body.length + 2}+1'`,
    `UNZ+1+${ref}'`,
  ].join('\n');
}

describe('POST /edi/interchanges on the gateway (SOURCE_SYSTEM keys, real Kafka and store)', () => {
  const pipeline = new TestPipeline('edi-gateway');
  let store: Connection;
  let base: string;
  let graphql: string;
  let sourceKey: string;
  let partnerKey: string;

  const post = async (apiKey: string | undefined, body: Buffer | string, type = 'application/edifact') => {
    const response = await fetch(new URL('/edi/interchanges', base), {
      method: 'POST',
      headers: { 'content-type': type, ...(apiKey === undefined ? {} : { 'x-api-key': apiKey }) },
      body,
    });
    return { status: response.status, body: (await response.json()) as EdiReply & { message?: string } };
  };

  beforeAll(async () => {
    store = await connectStore(pipeline.config.mongodbUri);
    const keys = new ApiKeysRepository(store);
    await keys.ensureIndexes();
    sourceKey = (
      await keys.create({
        role: 'SOURCE_SYSTEM',
        source: 'LAND_SEA_CORRIDOR',
        orgId: 'org-qz-port',
        name: 'Qinzhou EDI',
      })
    ).apiKey;
    partnerKey = (await keys.create({ role: 'PARTNER', orgId: 'org-de-rheinruhr', name: 'Rhein-Ruhr' })).apiKey;
    await pipeline.startEdi();
    graphql = await pipeline.startGateway();
    base = graphql.replace(/\/graphql$/, '');
  }, 60_000);

  afterAll(async () => {
    await pipeline.stop(store);
    await store.close();
  });

  it('applies an interchange of the key’s source and answers with its CONTRL; a resend gets the same answer', async () => {
    const first = await post(sourceKey, gateIn('HTTP01'));
    expect(first.status).toBe(200);
    expect(first.body).toEqual(
      expect.objectContaining({ accepted: true, duplicate: false, rawMessages: 1, reasons: [] }),
    );
    expect(first.body.contrl).toContain("UCI+HTTP01+QZPORTEDI+MMTPLATFORM+7'");
    const again = await post(sourceKey, gateIn('HTTP01'));
    expect(again.body).toEqual({ ...first.body, duplicate: true });
    const loadings = await readTopicToEnd<RawLoading>(pipeline, pipeline.topics.name(TOPICS.rawLoading));
    expect(loadings.map((l) => [l.operation, l.containerNo, l.source])).toEqual([
      ['GATE_IN', 'CSQU3054383', 'LAND_SEA_CORRIDOR'],
    ]);
    const replies = await readTopicToEnd<EdiReply>(pipeline, pipeline.topics.name(TOPICS.ediReplies));
    expect(replies.map((r) => [r.interchangeRef, r.duplicate])).toEqual([
      ['HTTP01', false],
      ['HTTP01', true],
    ]);
  });

  it('answers business errors with an APERAK, syntax errors and oversize with a CONTRL rejection, and dead-letters them', async () => {
    const wrongDigit = await post(sourceKey, gateIn('HTTP02', 'CSQU3054384'));
    expect(wrongDigit.body.accepted).toBe(true);
    expect(wrongDigit.body.aperak).toContain('ERC+CHKDIGIT:ZZZ:ZZZ');
    const truncated = await post(sourceKey, gateIn('HTTP03').slice(0, -30));
    expect(truncated.body.contrl).toContain('UCI+HTTP03+QZPORTEDI+MMTPLATFORM+4+13+UNZ');
    const huge = await post(sourceKey, gateIn('HTTP04').replace('EQD', `${"FTX+AAA+++PADDING'\n".repeat(280_000)}EQD`));
    expect(huge).toEqual({
      status: 200,
      body: expect.objectContaining({ accepted: false, interchangeRef: 'HTTP04' }) as unknown,
    });
    expect(huge.body.contrl).toContain('+4+18');
    const letters = await readTopicToEnd<DeadLetter>(pipeline, pipeline.topics.name(TOPICS.deadLetter));
    expect(letters.map((l) => [l.sourceTopic, l.service, l.sourceKey])).toEqual(
      Array(3).fill(['POST /edi/interchanges', 'edi', 'org-qz-port']),
    );
  });

  it('rejects an interchange whose sender speaks for another source (CONTRL 23)', async () => {
    const other = await post(sourceKey, gateIn('HTTP05', 'CSQU3054383', 'SHPORTEDI'));
    expect(other.body.accepted).toBe(false);
    expect(other.body.contrl).toContain('UCI+HTTP05+SHPORTEDI+MMTPLATFORM+4+23+UNB+2:1');
  });

  it('lets only SOURCE_SYSTEM keys send, and SOURCE_SYSTEM keys read nothing', async () => {
    expect((await post(undefined, gateIn('HTTP06'))).status).toBe(401);
    const partner = await post(partnerKey, gateIn('HTTP06'));
    expect(partner.status).toBe(403);
    expect(partner.body.message).toContain('a PARTNER key cannot send them');
    expect((await post(sourceKey, '', 'application/edifact')).status).toBe(400);
    const read = await query(graphql, sourceKey, '{ __typename }');
    expect(read.errors?.[0]?.message).toContain('is a SOURCE_SYSTEM key: it may only send interchanges');
  });
});

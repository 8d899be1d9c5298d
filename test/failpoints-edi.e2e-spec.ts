import type { Producer } from 'kafkajs';
import type { Connection } from 'mongoose';
import { armFailpoints, disarmFailpoints, failpointFired } from '@mmt/config';
import { TOPICS, type EdiReply, type RawLoading } from '@mmt/contracts';
import { createProducer } from '@mmt/kafka';
import { connectStore } from '@mmt/store';
import { readTopicToEnd } from './support/dead-letters';
import { TestPipeline } from './support/pipeline';

/** A gate-in report from Qinzhou under control reference `ref`. */
function gateIn(ref: string): Buffer {
  const body = [
    `BGM+34+GI-${ref}+9'`,
    "DTM+137:202603011930?+08:303'",
    "LOC+165+CNQZH:139:6+QCT:TER:ZZZ'",
    "EQD+CN+CSQU3054383+45G1:102:5++2+5'",
    "DTM+7:202603011902?+08:303'",
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

/**
 * The edi service's sends fail once (before they are made, or after, as when the broker's answer is lost): the
 * batch is redone from the same offsets, the interchange is read again from the same place, and handled as the first
 * time, never answered as a duplicate of itself.
 */
describe('edi service: a failed send and its retry (failpoint edi.sendBatch)', () => {
  const pipeline = new TestPipeline('failpoints-edi');
  let store: Connection;
  let producer: Producer;

  const sendAndWait = async (spec: string, ref: string) => {
    armFailpoints(spec);
    await producer.send({
      topic: pipeline.topics.name(TOPICS.rawEdifact),
      messages: [{ key: 'QZPORTEDI', value: gateIn(ref) }],
    });
    await pipeline.waitUntilCommittedToEnd('edi', [pipeline.topics.name(TOPICS.rawEdifact)]);
    expect(failpointFired('edi.sendBatch')).toBe(1);
    disarmFailpoints();
    const replies = await readTopicToEnd<EdiReply>(pipeline, pipeline.topics.name(TOPICS.ediReplies));
    const loadings = await readTopicToEnd<RawLoading>(pipeline, pipeline.topics.name(TOPICS.rawLoading));
    return {
      replies: replies.filter((r) => r.interchangeRef === ref),
      loadings: loadings.filter((l) => l.messageId === `GI-${ref}`),
    };
  };

  beforeAll(async () => {
    store = await connectStore(pipeline.config.mongodbUri);
    await pipeline.startEdi();
    producer = createProducer(pipeline.kafka);
    await producer.connect();
  }, 60_000);

  afterAll(async () => {
    disarmFailpoints();
    await producer.disconnect();
    await pipeline.stop(store);
    await store.close();
  });

  it('sends once what failed before it was sent', async () => {
    const { replies, loadings } = await sendAndWait('edi.sendBatch:once', 'FP01');
    expect(pipeline.fatal).toEqual([]);
    expect(replies.map((r) => [r.accepted, r.duplicate])).toEqual([[true, false]]);
    expect(loadings).toHaveLength(1);
  });

  it('sends again, the same, what was sent before the failure: the raw message keeps its id', async () => {
    const { replies, loadings } = await sendAndWait('edi.sendBatch:once-after', 'FP02');
    expect(pipeline.fatal).toEqual([]);
    expect(replies).toHaveLength(2);
    expect(replies[1]).toEqual(replies[0]);
    expect(replies[0]).toEqual(expect.objectContaining({ accepted: true, duplicate: false, rawMessages: 1 }));
    expect(loadings).toHaveLength(2);
    expect(loadings[1]).toEqual(loadings[0]);
  });
});

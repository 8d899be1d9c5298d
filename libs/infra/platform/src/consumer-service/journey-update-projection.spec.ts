import type { KafkaMessage } from 'kafkajs';
import type { BatchContext } from '@mmt/kafka';
import { batchPosition } from './journey-update-projection';

const context: BatchContext = {
  topic: 'run-1.journey.updates.v1',
  partition: 3,
  isCurrent: () => true,
  heartbeat: () => Promise.resolve(),
  behind: 0,
  hold: () => undefined,
  waitForMore: () => Promise.resolve(0),
};
const at = (offset: string) => ({ offset }) as KafkaMessage;

describe(batchPosition.name, () => {
  it('names the partition as a writer, its namespaced source, and the whole offset range of the batch', () => {
    expect(batchPosition(context, [at('120'), at('121'), at('180')])).toEqual({
      writer: 'partition-3',
      source: 'run-1.journey.updates.v1/3',
      batch: '3:120-180',
      lastOffset: 180,
    });
  });

  it('gives a retry from the same offset with more messages another batch name', () => {
    const first = batchPosition(context, [at('120'), at('121')]);
    const retry = batchPosition(context, [at('120'), at('121'), at('122')]);
    expect(retry.batch).not.toBe(first.batch);
    expect(retry.writer).toBe(first.writer);
  });
});

import { Injectable, Logger, Module, type DynamicModule, type OnApplicationBootstrap } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TOPICS, type DeadLetter, type TrackingEvent } from '@mmt/contracts';
import { createProducer } from '@mmt/kafka';
import { consumerServiceModule, ConsumerRuntime, type PlatformConfig } from '@mmt/platform';
import { readTopicToEnd } from './support/dead-letters';
import { waitFor } from './support/graphql-client';
import { TestPipeline } from './support/pipeline';

/** What the runtime did, in the order it did it. */
const steps: string[] = [];
const handled: TrackingEvent[][] = [];

/** A repository whose indexes are created when its module starts: before the runtime reads anything. */
class RecordingRepository {
  ensureIndexes(): Promise<void> {
    steps.push('indexes');
    return Promise.resolve();
  }
}

@Injectable()
class RecordingService implements OnApplicationBootstrap {
  constructor(private readonly runtime: ConsumerRuntime) {}

  onApplicationBootstrap(): Promise<void> {
    return this.runtime.start<TrackingEvent>({
      service: 'projector',
      topics: [TOPICS.trackingEvents],
      prepare: () => {
        steps.push('prepare');
        return Promise.resolve({});
      },
      parse: (bytes) => {
        const parsed = JSON.parse(bytes!.toString('utf8')) as { eventId?: string };
        return parsed.eventId === undefined
          ? { ok: false, error: 'eventId: required string' }
          : { ok: true, value: parsed as TrackingEvent };
      },
      handle: (events) => {
        steps.push('batch');
        handled.push([...events]);
        return Promise.resolve({ events: events.length });
      },
      logger: new Logger('RecordingService'),
      batchLine: 'recorded',
    });
  }
}

@Module({})
class RecordingModule {
  static forRoot(config: PlatformConfig): DynamicModule {
    return consumerServiceModule(RecordingModule, config, 'projector', {
      repositories: [RecordingRepository],
      providers: [RecordingService],
    });
  }
}

describe('Consumer runtime (real Kafka, real store)', () => {
  const pipeline = new TestPipeline('runtime');

  afterAll(() => pipeline.stop());

  it('creates indexes, then prepares, then hands each batch its well-formed values and dead-letters the rest', async () => {
    const app = await NestFactory.createApplicationContext(RecordingModule.forRoot(pipeline.config), {
      logger: ['error'],
    });
    try {
      expect(steps).toEqual(['indexes', 'prepare']);
      const producer = createProducer(pipeline.kafka);
      await producer.connect();
      await producer.send({
        topic: pipeline.topics.name(TOPICS.trackingEvents),
        messages: [
          { key: 'MSKU1234565', value: JSON.stringify({ eventId: 'e-1', containerNo: 'MSKU1234565' }) },
          { key: 'MSKU1234565', value: JSON.stringify({ containerNo: 'MSKU1234565' }) },
        ],
        acks: -1,
      });
      await producer.disconnect();
      await pipeline.waitUntilCommittedToEnd('projector', [pipeline.topics.name(TOPICS.trackingEvents)]);

      expect(handled.flat().map((event) => event.eventId)).toEqual(['e-1']);
      expect(steps.slice(0, 3)).toEqual(['indexes', 'prepare', 'batch']);
      let letters: DeadLetter[] = [];
      await waitFor(
        'the refused message to be dead-lettered',
        async () =>
          (letters = await readTopicToEnd<DeadLetter>(pipeline, pipeline.topics.name(TOPICS.deadLetter))).length > 0,
        60_000,
      );
      expect(letters).toMatchObject([{ reason: 'eventId: required string', service: 'projector', sourceOffset: '1' }]);
    } finally {
      await app.close();
    }
  }, 180_000);
});

import { TOPICS, type DeadLetter } from '@mmt/contracts';
import type { TestPipeline } from './pipeline';

/**
 * Reads the pipeline's dead-letter topic from the start until `expected` letters came (or a minute passed),
 * then a moment more, so that letters beyond the expected count are caught too.
 */
export async function readDeadLetters(pipeline: TestPipeline, expected: number): Promise<DeadLetter[]> {
  const letters: DeadLetter[] = [];
  const consumer = pipeline.kafka.consumer({ groupId: `${pipeline.config.namespace}dlq-reader-${Date.now()}` });
  await consumer.connect();
  await consumer.subscribe({ topic: pipeline.topics.name(TOPICS.deadLetter), fromBeginning: true });
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 60_000);
    void consumer.run({
      eachMessage: async ({ message }) => {
        letters.push(JSON.parse(message.value!.toString('utf8')) as DeadLetter);
        if (letters.length === expected) {
          clearTimeout(timer);
          setTimeout(resolve, 2000);
        }
        await Promise.resolve();
      },
    });
  });
  await consumer.disconnect();
  return letters;
}

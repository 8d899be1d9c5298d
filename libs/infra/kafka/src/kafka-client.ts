import { Kafka, logLevel, Partitioners, type logCreator, type Producer, type ProducerConfig } from 'kafkajs';

const LEVELS: Record<number, string> = { 1: 'error', 2: 'warn', 4: 'info', 5: 'debug' };

/** kafkajs's log entries as the services' JSON lines, with the service and `logger: kafkajs`. */
function kafkaLogLine(service: string): logCreator {
  return () =>
    ({ namespace, level, log }) => {
      const { message, ...fields } = log as { message: string } & Record<string, unknown>;
      delete fields.timestamp;
      delete fields.logger;
      const line = { level: LEVELS[level] ?? 'info', time: new Date().toISOString(), service, pid: process.pid };
      process.stdout.write(`${JSON.stringify({ ...line, logger: 'kafkajs', namespace, msg: message, ...fields })}\n`);
    };
}

/** A kafkajs client that logs warnings and errors only, so a busy broker does not drown the service logs. */
export function createKafka(clientId: string, brokers: readonly string[]): Kafka {
  return new Kafka({
    clientId,
    brokers: [...brokers],
    logLevel: logLevel.WARN,
    logCreator: kafkaLogLine(clientId),
    retry: { initialRetryTime: 200, retries: 8 },
  });
}

/**
 * A producer with the Java client's murmur2 partitioner, so a key lands on the same partition whichever
 * client produced it (kcat, a Java partner, this platform).
 */
export function createProducer(kafka: Kafka, config: ProducerConfig = {}): Producer {
  return kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, ...config });
}

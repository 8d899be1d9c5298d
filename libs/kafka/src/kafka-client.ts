import { Kafka, logLevel, Partitioners, type Producer, type ProducerConfig } from 'kafkajs';

/** A kafkajs client that logs warnings and errors only, so a busy broker does not drown the service logs. */
export function createKafka(clientId: string, brokers: readonly string[]): Kafka {
  return new Kafka({
    clientId,
    brokers: [...brokers],
    logLevel: logLevel.WARN,
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

import { randomBytes } from 'node:crypto';
import mongoose, { type Connection } from 'mongoose';
import { loadInfraConfig } from '@mmt/config';
import { createKafka } from '@mmt/kafka';
import type { Kafka } from 'kafkajs';

/** The Kafka and store that `npm test` brought up (or that KAFKA_BROKERS / MONGODB_URI name). */
export const infra = loadInfraConfig();

/** A short random suffix so that parallel suites and repeated runs never share a topic, group or database. */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

export function testKafka(name: string): Kafka {
  return createKafka(`test-${name}`, infra.kafkaBrokers);
}

/** A connection to a database of its own, to be dropped by the suite that made it. */
export async function testDatabase(name: string): Promise<Connection> {
  const connection = await mongoose.createConnection(infra.mongodbUri, { serverSelectionTimeoutMS: 5000 }).asPromise();
  return connection.useDb(`test_${name}_${uniqueSuffix()}`.replace(/-/g, '_'), { useCache: false });
}

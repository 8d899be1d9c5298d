import { METRICS } from '@mmt/metrics';
import mongoose, { type Connection } from 'mongoose';

/**
 * Connects to the store named by a MongoDB URI (SecantusDB locally, MongoDB in production) and waits until it
 * answers; every command's duration goes to `mmt_store_operation_seconds`.
 */
export async function connectStore(uri: string): Promise<Connection> {
  const connection = mongoose.createConnection(uri, {
    serverSelectionTimeoutMS: 10_000,
    maxPoolSize: 20,
    monitorCommands: true,
  });
  await connection.asPromise();
  const client = connection.getClient();
  client.on('commandSucceeded', (event) =>
    METRICS.storeOperation.observe({ operation: event.commandName, outcome: 'ok' }, event.duration / 1000),
  );
  client.on('commandFailed', (event) =>
    METRICS.storeOperation.observe({ operation: event.commandName, outcome: 'error' }, event.duration / 1000),
  );
  return connection;
}

export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

import mongoose, { type Connection } from 'mongoose';

/** Connects to the store named by a MongoDB URI (FerretDB locally, MongoDB in production) and waits until it answers. */
export async function connectStore(uri: string): Promise<Connection> {
  const connection = mongoose.createConnection(uri, { serverSelectionTimeoutMS: 10_000, maxPoolSize: 20 });
  await connection.asPromise();
  return connection;
}

export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

import { connect, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { Kafka, logLevel, type ISocketFactory, type Message } from 'kafkajs';
import { createProducer, deleteTopics, ensureTopics, sendWithinLimit } from '@mmt/kafka';
import { waitFor } from './support/graphql-client';
import { infra, testKafka, uniqueSuffix } from './support/infra';

/** A client whose sockets count the bytes they write: what it sends over the wire, to whichever broker. */
function countingKafka(name: string): { kafka: Kafka; bytesWritten: () => number } {
  const sockets: Socket[] = [];
  const socketFactory: ISocketFactory = ({ host, port, ssl, onConnect }) => {
    const socket = ssl ? connectTls({ host, port, ...ssl }, onConnect) : connect({ host, port }, onConnect);
    socket.setKeepAlive(true, 60_000);
    sockets.push(socket);
    return socket;
  };
  const kafka = new Kafka({
    clientId: `test-${name}`,
    brokers: [...infra.kafkaBrokers],
    logLevel: logLevel.WARN,
    socketFactory,
  });
  return { kafka, bytesWritten: () => sockets.reduce((sum, socket) => sum + socket.bytesWritten, 0) };
}

/** The bytes a fresh producer writes to send `messages` with `send`. */
async function bytesToSend(
  name: string,
  send: (producer: ReturnType<typeof createProducer>) => Promise<unknown>,
): Promise<number> {
  const { kafka, bytesWritten } = countingKafka(name);
  const producer = createProducer(kafka);
  await producer.connect();
  const before = bytesWritten();
  await send(producer);
  const written = bytesWritten() - before;
  await producer.disconnect();
  return written;
}

describe('the platform sends to Kafka gzip-compressed (real broker)', () => {
  const suffix = uniqueSuffix();
  const topic = `test.compressed-sends.${suffix}`;
  let kafka: Kafka;

  beforeAll(async () => {
    kafka = testKafka('compressed-sends');
    await ensureTopics(kafka, [{ name: topic, partitions: 1 }]);
  });

  afterAll(async () => {
    await deleteTopics(kafka, [topic]);
  });

  it('writes a fraction of the JSON it sends to the wire, and every client reads it back as sent', async () => {
    // Journey-update-like JSON: 3,000 messages of about 450 bytes, 1.3 MB before compression, so two sends.
    const values = Array.from({ length: 3000 }, (_, i) =>
      JSON.stringify({
        journey: { journeyId: `CSNU${String(i).padStart(7, '0')}/BILL_OF_LADING:CQSG${i}`, version: i },
        milestones: Array.from({ length: 8 }, (__, k) => ({ code: 'LOAD', at: `2026-03-0${1 + (k % 9)}T08:00:00Z` })),
      }),
    );
    const sentBytes = values.reduce((sum, value) => sum + Buffer.byteLength(value), 0);
    const messages: Message[] = values.map((value) => ({ key: 'k', value }));
    const compressed = await bytesToSend('compressed-sends', (producer) =>
      sendWithinLimit(producer, [{ topic, messages }]),
    );
    // The same messages as a plain send writes them, over the wire to the same broker
    // (in two requests: one would pass the broker's 1 MB limit)
    const plain = await bytesToSend('plain-sends', async (producer) => {
      await producer.send({ topic, messages: messages.slice(0, messages.length / 2) });
      await producer.send({ topic, messages: messages.slice(messages.length / 2) });
    });
    console.log(`compressed sends: ${sentBytes} bytes of JSON written as ${compressed} bytes; a plain send, ${plain}`);

    expect(plain).toBeGreaterThan(sentBytes);
    expect(compressed).toBeLessThan(plain / 4);

    const read: string[] = [];
    const consumer = kafka.consumer({ groupId: `test-compressed-sends-${suffix}` });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        read.push(message.value!.toString('utf8'));
        await Promise.resolve();
      },
    });
    await waitFor('every message read back', () => read.length >= 2 * values.length, 60_000);
    await consumer.disconnect();
    expect(read).toEqual([...values, ...values]);
  });
});

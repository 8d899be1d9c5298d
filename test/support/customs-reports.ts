import type { Kafka } from 'kafkajs';
import { TOPICS, type RawLoading } from '@mmt/contracts';
import { createProducer, type TopicNames } from '@mmt/kafka';
import type { Simulation } from '@mmt/simulator';

/**
 * Sends a customs report (e.g. CUSTOMS_SELECTED) for a container, made from one of its simulated loading reports: at
 * the same place, `minutesLater` after it, as a new message. The pipeline turns it into a customs event and the
 * alerts service into an inspection notice.
 */
export async function sendCustomsReport(
  kafka: Kafka,
  topics: TopicNames,
  simulation: Simulation,
  containerNo: string,
  operation: 'CUSTOMS_SELECTED' | 'CUSTOMS_INSPECTED',
  minutesLater = 1,
): Promise<void> {
  const report = simulation.validMessages.find(
    (m): m is RawLoading => m.kind === 'LOADING' && m.containerNo === containerNo,
  );
  if (report === undefined) {
    throw new Error(`the simulation has no loading report of ${containerNo}`);
  }
  const { conveyance, ...atPlace } = report;
  void conveyance;
  const customs: RawLoading = {
    ...atPlace,
    messageId: `${report.messageId}-${operation.toLowerCase()}`,
    operation,
    classifier: 'ACT',
    sentAt: new Date().toISOString(),
    eventTime: new Date(Date.parse(report.eventTime) + minutesLater * 60_000).toISOString(),
  };
  const producer = createProducer(kafka);
  await producer.connect();
  try {
    await producer.send({
      topic: topics.name(TOPICS.rawLoading),
      messages: [{ key: customs.containerNo, value: JSON.stringify(customs) }],
      acks: -1,
    });
  } finally {
    await producer.disconnect();
  }
}

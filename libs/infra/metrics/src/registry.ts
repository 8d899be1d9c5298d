import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The process's Prometheus metrics, served at `/metrics` by every service. One registry per process: when
 * tests run several services in one process, the `service` or `group` label tells them apart.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'mmt_' });

const registers = [registry];

export const METRICS = {
  messagesConsumed: new Counter({
    name: 'mmt_messages_consumed_total',
    help: 'Kafka messages a consumer group handled and committed, by topic',
    labelNames: ['group', 'topic'] as const,
    registers,
  }),
  batchDuration: new Histogram({
    name: 'mmt_batch_duration_seconds',
    help: 'Time from fetching a batch to committing it, by consumer group and topic',
    labelNames: ['group', 'topic'] as const,
    buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers,
  }),
  consumerLag: new Gauge({
    name: 'mmt_consumer_lag_messages',
    help: "Messages between a consumer group's committed offset and the end of the partition",
    labelNames: ['group', 'topic', 'partition'] as const,
    registers,
  }),
  deadLetters: new Counter({
    name: 'mmt_dead_letters_total',
    help: 'Messages sent to the dead-letter topic, by service and reason (the field or check that failed)',
    labelNames: ['service', 'reason'] as const,
    registers,
  }),
  eventsProcessed: new Counter({
    name: 'mmt_events_processed_total',
    help: 'Canonical tracking events produced (normalizer) or newly logged (projector)',
    labelNames: ['service'] as const,
    registers,
  }),
  journeysWritten: new Counter({
    name: 'mmt_journeys_written_total',
    help: 'Journeys the projector stored and published',
    registers,
  }),
  storeOperation: new Histogram({
    name: 'mmt_store_operation_seconds',
    help: 'Store commands as the driver saw them, by command and outcome',
    labelNames: ['operation', 'outcome'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
    registers,
  }),
  connections: new Gauge({
    name: 'mmt_gateway_connections',
    help: 'graphql-ws connections the gateway holds',
    registers,
  }),
  subscriptions: new Gauge({
    name: 'mmt_gateway_subscriptions',
    help: 'GraphQL subscriptions the gateway serves',
    registers,
  }),
  bytesSent: new Counter({
    name: 'mmt_gateway_bytes_sent_total',
    help: 'Bytes the gateway wrote to clients, HTTP and websocket',
    labelNames: ['transport'] as const,
    registers,
  }),
  notificationEmails: new Counter({
    name: 'mmt_notification_emails_total',
    help: 'Notification e-mails tried, by outcome: sent, failed (tried again later), given_up (after the retry window), off (unsubscribed)',
    labelNames: ['outcome'] as const,
    registers,
  }),
  notificationEmailsPending: new Gauge({
    name: 'mmt_notification_emails_pending',
    help: 'Notification e-mails waiting to be sent (new, or failed and due again later)',
    registers,
  }),
  webhookDeliveries: new Counter({
    name: 'mmt_webhook_notifications_total',
    help: 'Webhook notifications sent, by outcome',
    labelNames: ['outcome'] as const,
    registers,
  }),
};

/**
 * A dead letter's reason as a label with few values: the field or check before the first colon, indexes
 * dropped, e.g. `containers[3].containerNo: MSKU1234560 check digit...` -> `containers[].containerNo`.
 */
export function reasonLabel(reason: string): string {
  const head = reason
    .split(':')[0]
    .replace(/\[\d+\]/g, '[]')
    .trim();
  return head.length === 0 ? 'unknown' : head.slice(0, 60);
}

/**
 * npm run webhook:receiver -- --secret <Base64 secret> [--port 8080] [--host 127.0.0.1]
 *
 * A partner's end of a webhook subscription, to try one out or to start from: verifies every notification's
 * Notification-Signature (HMAC-SHA256 over "<t>.<body>" with the secret, t within 5 minutes), refuses bad ones
 * with 401 and the reason, deduplicates events on eventID, answers 204 and prints one line per new event.
 * The secret can also come from WEBHOOK_SECRET.
 */
import { parseArgs } from 'node:util';
import { secretError, startWebhookReceiver, type DcsaEvent } from '@mmt/dcsa';

function describe(event: DcsaEvent): string {
  switch (event.eventType) {
    case 'TRANSPORT':
      return `${event.transportEventTypeCode} ${event.transportCall.transportCallID}`;
    case 'EQUIPMENT':
      return `${event.equipmentEventTypeCode} ${event.equipmentReference} at ${event.eventLocation?.UNLocationCode ?? '?'}`;
    case 'SHIPMENT':
      return `${event.shipmentEventTypeCode} ${event.documentTypeCode} ${event.documentID}`;
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      secret: { type: 'string' },
      port: { type: 'string', default: '8080' },
      host: { type: 'string', default: '127.0.0.1' },
    },
  });
  const secret = values.secret ?? process.env.WEBHOOK_SECRET;
  const problem = secretError(secret);
  if (problem !== undefined) {
    throw new Error(`${problem}: give the subscription's secret with --secret <Base64> or WEBHOOK_SECRET`);
  }
  let received = 0;
  const receiver = await startWebhookReceiver({
    port: Number(values.port),
    host: values.host,
    secretOf: () => secret,
    onNotification: ({ subscriptionId, events, fresh }) => {
      received += events.length;
      for (const event of fresh) {
        console.log(`${event.eventDateTime} ${event.eventType} ${describe(event)} (${event.eventID})`);
      }
      console.error(
        `subscription ${subscriptionId}: ${events.length} events, ${fresh.length} new; ${received} received in all`,
      );
    },
  });
  process.on('SIGINT', () => void receiver.close().then(() => process.exit(0)));
  console.error(`webhook receiver: listening at ${receiver.url}; give it as the subscription's callbackUrl`);
  setInterval(() => {
    if (receiver.refused.length > 0) {
      console.error(`refused: ${receiver.refused.splice(0).join('; ')}`);
    }
  }, 1000);
}

main().catch((error: unknown) => {
  console.error(`webhook:receiver: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

/**
 * npm run webhook:receiver -- [--port 8080] [--host 127.0.0.1] [--secret-file <path>] [--scheme DCSA|TIMESTAMPED]
 *
 * A partner's end of a webhook subscription, to try one out or to start from: verifies every notification's
 * Notification-Signature with the subscription's secret, refuses bad ones with 401 and the reason, deduplicates
 * events on eventID, answers 204 and prints one line per new event. The secret comes from WEBHOOK_SECRET or a
 * file, never from the command line, where `ps` and the shell's history would show it.
 */
import { readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isSignatureScheme, secretError, startWebhookReceiver, type DcsaEvent } from '@mmt/dcsa';

const USAGE = `Usage: npm run webhook:receiver -- [options]

Receives a webhook subscription's notifications, as a partner's endpoint would: verifies each one's
Notification-Signature, refuses bad ones with 401 and the reason, deduplicates events on eventID, answers 204
and prints one line per new event. Give its URL as the subscription's callbackUrl.

Options:
  --port <port>          port to listen on (default 8080; 0 for any free one)
  --host <address>       address to listen on (default 127.0.0.1)
  --secret-file <path>   file holding the subscription's secret (Base64), readable by you only
  --scheme DCSA|TIMESTAMPED
                         the subscription's signatureScheme (default DCSA: sha256=<hex> over the body;
                         TIMESTAMPED: t=<seconds>,sha256=<hex> over "<t>.<body>", refused when t is over
                         5 minutes from this clock)
  -h, --help             print this and exit

The secret is read from the environment variable WEBHOOK_SECRET, or from --secret-file. It is not taken on the
command line (--secret), where ps and the shell's history show it to others.

The platform only calls https URLs on public addresses, unless its WEBHOOK_ALLOWED_HOSTS setting names this
host (e.g. 127.0.0.1 for a local demo).
`;

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

/** The secret from --secret-file or WEBHOOK_SECRET; warns when the file is readable by others. */
function readSecret(file: string | undefined): string {
  if (file === undefined) {
    const secret = process.env.WEBHOOK_SECRET ?? '';
    if (secret === '') {
      throw new Error("give the subscription's secret in WEBHOOK_SECRET or a file named by --secret-file");
    }
    return secret.trim();
  }
  if ((statSync(file).mode & 0o077) !== 0) {
    console.error(`webhook:receiver: warning: ${file} is readable by others; chmod 600 it`);
  }
  return readFileSync(file, 'utf8').trim();
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8080' },
      host: { type: 'string', default: '127.0.0.1' },
      'secret-file': { type: 'string' },
      scheme: { type: 'string', default: 'DCSA' },
      help: { type: 'boolean', short: 'h' },
      // Declared only to refuse it with the reason, rather than as an unknown option.
      secret: { type: 'string' },
    },
  });
  if (values.help === true) {
    process.stdout.write(USAGE);
    return;
  }
  if (values.secret !== undefined) {
    throw new Error(
      '--secret is refused: a secret on the command line shows in ps and in the shell history; ' +
        'give it in WEBHOOK_SECRET or --secret-file <path>',
    );
  }
  const scheme = values.scheme.toUpperCase();
  if (!isSignatureScheme(scheme)) {
    throw new Error(`--scheme must be DCSA or TIMESTAMPED, not ${values.scheme}`);
  }
  const secret = readSecret(values['secret-file']);
  const problem = secretError(secret);
  if (problem !== undefined) {
    throw new Error(`${problem} (the subscription's secret, as the platform gave it or you chose it)`);
  }
  let received = 0;
  const receiver = await startWebhookReceiver({
    port: Number(values.port),
    host: values.host,
    secretOf: () => secret,
    signatureScheme: scheme,
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
  const refusals = setInterval(() => {
    if (receiver.refused.length > 0) {
      console.error(`refused: ${receiver.refused.splice(0).join('; ')}`);
    }
  }, 1000);
  process.on('SIGINT', () => {
    clearInterval(refusals);
    void receiver.close().then(() => process.exit(0));
  });
  console.error(
    `webhook receiver: listening at ${receiver.url}; give it as the subscription's callbackUrl (${scheme} signatures)`,
  );
}

main().catch((error: unknown) => {
  console.error(`webhook:receiver: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

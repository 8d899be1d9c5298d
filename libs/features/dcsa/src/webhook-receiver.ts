import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { DcsaEvent } from './dcsa-event';
import { SIGNATURE_HEADER, verifyNotification, type SignatureScheme } from './notification-signature';

/** What a receiver does with a notification before checking it: accept it, answer a status, or never answer. */
export type ReceiverBehaviour = 'accept' | 'hang' | number;

export interface ReceivedNotification {
  readonly subscriptionId: string;
  readonly events: readonly DcsaEvent[];
  /** Those of `events` this receiver had not seen before (deduplicated on eventID). */
  readonly fresh: readonly DcsaEvent[];
  readonly receivedAt: number;
}

export interface WebhookReceiverOptions {
  readonly port: number;
  readonly host?: string;
  /** The secret of a subscription, by its id; undefined refuses the notification. */
  readonly secretOf: (subscriptionId: string) => string | undefined;
  /**
   * The signature form the subscription was created with: DCSA (`sha256=<hex>` over the body, the default) or
   * TIMESTAMPED (`t=<seconds>,sha256=<hex>`, refused when t is more than 5 minutes from this clock).
   */
  readonly signatureScheme?: SignatureScheme;
  readonly onNotification?: (notification: ReceivedNotification) => void;
  /** For tests of failing receivers; accepts everything when absent. */
  readonly behaviour?: () => ReceiverBehaviour;
}

export interface WebhookReceiver {
  readonly url: string;
  readonly server: Server;
  /** Every distinct event received, by eventID. */
  readonly seen: Map<string, DcsaEvent>;
  /** Notifications refused for their signature, with the reason. */
  readonly refused: string[];
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function answer(res: ServerResponse, status: number, text?: string): void {
  res.writeHead(status, text === undefined ? {} : { 'Content-Type': 'text/plain' }).end(text);
}

/**
 * A partner's webhook endpoint: verifies each notification's signature in the subscription's scheme (and, if
 * TIMESTAMPED, its freshness; 401 with the reason otherwise), deduplicates events on eventID, and answers 204. `npm run webhook:receiver` runs one.
 */
export function startWebhookReceiver(options: WebhookReceiverOptions): Promise<WebhookReceiver> {
  const seen = new Map<string, DcsaEvent>();
  const refused: string[] = [];
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const behaviour = options.behaviour?.() ?? 'accept';
      if (behaviour === 'hang') {
        return; // never answers: the sender's timeout is what ends it
      }
      if (behaviour !== 'accept') {
        answer(res, behaviour, `receiver answering ${behaviour}`);
        return;
      }
      const subscriptionId = String(req.headers['subscription-id'] ?? '');
      const secret = options.secretOf(subscriptionId);
      const check =
        secret === undefined
          ? { ok: false as const, reason: `unknown subscription ${subscriptionId}` }
          : verifyNotification(secret, req.headers[SIGNATURE_HEADER.toLowerCase()] as string | undefined, body, {
              scheme: options.signatureScheme,
            });
      if (!check.ok) {
        refused.push(check.reason);
        answer(res, 401, check.reason);
        return;
      }
      let events: DcsaEvent[];
      try {
        events = JSON.parse(body) as DcsaEvent[];
      } catch {
        answer(res, 400, 'body is not JSON');
        return;
      }
      const fresh = events.filter((event) => !seen.has(event.eventID));
      fresh.forEach((event) => seen.set(event.eventID, event));
      options.onNotification?.({ subscriptionId, events, fresh, receivedAt: Date.now() });
      answer(res, 204);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      const address = server.address() as { port: number };
      resolve({
        url: `http://${options.host ?? '127.0.0.1'}:${address.port}/`,
        server,
        seen,
        refused,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

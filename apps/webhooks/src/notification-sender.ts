import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type RequestOptions } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import {
  checkCallbackUrl,
  DCSA_API_VERSION,
  signNotification,
  SIGNATURE_HEADER,
  type CallbackPolicy,
  type DcsaEvent,
  type ResolvedAddress,
  type SignatureScheme,
} from '@mmt/dcsa';

export type SendResult = { ok: true; httpStatus: number } | { ok: false; httpStatus?: number; error: string };

export interface Notification {
  readonly callbackUrl: string;
  readonly subscriptionId: string;
  readonly secret: string;
  readonly signatureScheme: SignatureScheme;
  readonly events: readonly DcsaEvent[];
}

/** Keep-alive pools kept at most, one per checked address (and scheme); the oldest is closed beyond that. */
const MAX_POOLS = 256;

/**
 * POSTs notifications (JSON arrays of DCSA events) to callbacks, signed with the subscription's secret in its
 * scheme. Before each POST the callback is checked again (callback-url.ts): its host name is resolved, every
 * address must be public, and the connection is made to the address that was checked, never to one a second DNS
 * answer gives (DNS rebinding). A callback that fails the check is not contacted; the try fails with the reason.
 * Any 2xx is delivered (DCSA asks for 204); a redirect (not followed), another status, a timeout or a refused
 * connection is a failure, to be tried again, and checked again.
 */
export class NotificationSender {
  /** Keep-alive pools by checked address: a pooled connection is always to the address its pool was checked for. */
  private readonly pools = new Map<string, HttpAgent>();

  constructor(
    private readonly policy: CallbackPolicy,
    private readonly timeoutMs: number,
  ) {}

  async send(notification: Notification): Promise<SendResult> {
    const check = await checkCallbackUrl(notification.callbackUrl, this.policy);
    if (!check.ok) {
      return { ok: false, error: `not sent: ${check.problem}` };
    }
    const body = JSON.stringify(notification.events);
    const headers = {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(body),
      'API-Version': DCSA_API_VERSION,
      'Subscription-ID': notification.subscriptionId,
      [SIGNATURE_HEADER]: signNotification(notification.secret, body, { scheme: notification.signatureScheme }),
    };
    const { url, pinned } = check;
    const https = url.protocol === 'https:';
    const options: RequestOptions = {
      method: 'POST',
      hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: url.port === '' ? undefined : Number(url.port),
      path: `${url.pathname}${url.search}`,
      headers,
      agent: this.pool(https, pinned),
      // A name connects to the address checked above; an address literal is connected to as it is.
      ...(pinned === undefined ? {} : { lookup: pinnedLookup(pinned) }),
    };
    return this.post(https ? httpsRequest(options) : httpRequest(options), body);
  }

  /** Closes the pooled connections. */
  close(): void {
    this.pools.forEach((agent) => agent.destroy());
    this.pools.clear();
  }

  private post(request: ClientRequest, body: string): Promise<SendResult> {
    return new Promise((resolve) => {
      let timedOut = false;
      const deadline = setTimeout(() => {
        timedOut = true;
        request.destroy(new Error(`no answer within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      request.on('response', (response) => {
        response.resume(); // the answer's body is not read, but must be drained for the connection to be reused
        response.on('close', () => clearTimeout(deadline));
        const status = response.statusCode ?? 0;
        const text = `HTTP ${status} ${response.statusMessage ?? ''}`.trim();
        resolve(
          status >= 200 && status < 300
            ? { ok: true, httpStatus: status }
            : {
                ok: false,
                httpStatus: status,
                error: status >= 300 && status < 400 ? `${text} (redirects are not followed)` : text,
              },
        );
      });
      request.on('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(deadline);
        resolve({ ok: false, error: timedOut ? `no answer within ${this.timeoutMs} ms` : error.message });
      });
      request.end(body);
    });
  }

  private pool(https: boolean, pinned: ResolvedAddress | undefined): HttpAgent {
    const key = `${https ? 'https' : 'http'} ${pinned?.address ?? '(exempt host)'}`;
    let agent = this.pools.get(key);
    if (agent === undefined) {
      agent = https ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
      this.pools.set(key, agent);
      if (this.pools.size > MAX_POOLS) {
        const [oldest, oldestAgent] = this.pools.entries().next().value as [string, HttpAgent];
        oldestAgent.destroy();
        this.pools.delete(oldest);
      }
    }
    return agent;
  }
}

/** A DNS lookup that answers the one checked address, whatever the name: the connection cannot be redirected. */
function pinnedLookup(pinned: ResolvedAddress): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all === true) {
      (callback as (error: null, addresses: ResolvedAddress[]) => void)(null, [pinned]);
    } else {
      callback(null, pinned.address, pinned.family);
    }
  };
}

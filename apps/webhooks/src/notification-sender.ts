import { DCSA_API_VERSION, signNotification, SIGNATURE_HEADER, type DcsaEvent } from '@mmt/dcsa';

export type SendResult = { ok: true; httpStatus: number } | { ok: false; httpStatus?: number; error: string };

/**
 * POSTs one notification (a JSON array of DCSA events) to a callback, signed with the subscription's secret.
 * Any 2xx is delivered (DCSA asks for 204); a redirect, another status, a timeout or a refused connection is a
 * failure, to be tried again.
 */
export async function sendNotification(
  callbackUrl: string,
  subscriptionId: string,
  secret: string,
  events: readonly DcsaEvent[],
  timeoutMs: number,
): Promise<SendResult> {
  const body = JSON.stringify(events);
  try {
    const response = await fetch(callbackUrl, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        'Content-Type': 'application/json',
        'API-Version': DCSA_API_VERSION,
        'Subscription-ID': subscriptionId,
        [SIGNATURE_HEADER]: signNotification(secret, body, Math.floor(Date.now() / 1000)),
      },
      body,
    });
    await response.body?.cancel();
    return response.status >= 200 && response.status < 300
      ? { ok: true, httpStatus: response.status }
      : { ok: false, httpStatus: response.status, error: `HTTP ${response.status} ${response.statusText}`.trim() };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason =
      (error as Error).name === 'TimeoutError'
        ? `no answer within ${timeoutMs} ms`
        : (cause?.code ?? cause?.message ?? (error as Error).message);
    return { ok: false, error: reason };
  }
}

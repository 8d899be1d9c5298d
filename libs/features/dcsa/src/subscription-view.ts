import { EVENT_FILTERS, FILTER_NAMES } from './event-filter';
import { DEFAULT_SIGNATURE_SCHEME } from './notification-signature';
import type { SubscriptionDocument } from './subscriptions.repository';

/**
 * A subscription as the API shows it: DCSA's fields (never the secret), how its notifications are signed, and the
 * platform's delivery state:
 * status ACTIVE or PAUSED, why it paused, the failures so far, and how many events wait for it.
 */
export function subscriptionView(subscription: SubscriptionDocument, pendingDeliveries?: number) {
  const filters = Object.fromEntries(
    FILTER_NAMES.flatMap((name) => {
      const values = subscription.filter[name];
      return values === undefined ? [] : [[name, EVENT_FILTERS[name].list ? [...values] : values[0]]];
    }),
  );
  const iso = (date: Date | undefined) => (date === undefined ? {} : { at: date.toISOString() });
  return {
    subscriptionID: subscription._id,
    callbackUrl: subscription.callbackUrl,
    ...filters,
    signatureScheme: subscription.signatureScheme ?? DEFAULT_SIGNATURE_SCHEME,
    status: subscription.status,
    createdDateTime: subscription.createdAt.toISOString(),
    updatedDateTime: subscription.updatedAt.toISOString(),
    consecutiveFailures: subscription.failures,
    ...(subscription.failingSince === undefined ? {} : { failingSinceDateTime: iso(subscription.failingSince).at }),
    ...(subscription.lastError === undefined ? {} : { lastError: subscription.lastError }),
    ...(subscription.nextAttemptAt === undefined ? {} : { nextAttemptDateTime: iso(subscription.nextAttemptAt).at }),
    ...(subscription.pausedAt === undefined ? {} : { pausedDateTime: iso(subscription.pausedAt).at }),
    ...(subscription.pausedReason === undefined ? {} : { pausedReason: subscription.pausedReason }),
    ...(pendingDeliveries === undefined ? {} : { pendingDeliveries }),
  };
}

import type { AlertChange, Notice } from '@mmt/contracts';

/** How many identities a subscription remembers: copies of a message arrive seconds apart, not thousands later. */
const REMEMBERED = 1000;

/**
 * What one subscription has delivered, by message identity, so that it delivers each message once. The alerts
 * service sends at least once: when a send may have reached the broker but its answer was lost, its retry sends a
 * copy (the same message, the same times). Kept per subscription, not per feed: a notice sent again for parties
 * that a late waybill added is a message of its own, with `addedOrgIds`.
 */
export class DeliveredOnce {
  private readonly seen = new Set<string>();

  /** True the first time this identity is offered, false for a copy. */
  first(identity: string): boolean {
    if (this.seen.has(identity)) {
      return false;
    }
    this.seen.add(identity);
    if (this.seen.size > REMEMBERED) {
      this.seen.delete(this.seen.values().next().value!);
    }
    return true;
  }
}

export function alertChangeIdentity({ alert, change, changedAt }: AlertChange): string {
  return `${alert.alertId}|${change}|${changedAt}`;
}

export function noticeIdentity({ noticeId, issuedAt, addedOrgIds }: Notice): string {
  return `${noticeId}|${issuedAt}|${(addedOrgIds ?? []).join(',')}`;
}

import type { Alert, Notice } from '@mmt/contracts';
import { orgKey } from '@mmt/store';
import type { StoredNotice } from './journey-notices';

/**
 * A change an alert's document owes `tracking.alerts.v1`: stored with the alert's new state, removed once the
 * change is known to be on the topic (see sendPending).
 */
export interface PendingAlertChange {
  readonly change: 'RAISED' | 'CLEARED';
  readonly changedAt: string;
}

/** Stored alerts and notices carry their parties' organisation keys, which scoped reads match. */
export type AlertDocument = Alert & {
  readonly _id: string;
  readonly orgKeys: readonly string[];
  readonly pending?: PendingAlertChange;
};
export type NoticeDocument = StoredNotice & { readonly _id: string; readonly orgKeys: readonly string[] };

export const orgKeysOf = (orgIds: readonly string[]) => [...new Set(orgIds.map(orgKey))];

/** The alert a stored document holds, without the store's own fields. */
export function alertOf(document: AlertDocument): Alert {
  const { _id, orgKeys, pending, ...alert } = document;
  void [_id, orgKeys, pending];
  return alert;
}

/** The notice a stored document holds, without the store's own fields. */
export function noticeOf(document: NoticeDocument): Notice {
  const { _id, orgKeys, pending, ...notice } = document;
  void [_id, orgKeys, pending];
  return notice;
}

export function alertDocument(alert: Alert, pending?: PendingAlertChange): AlertDocument {
  return {
    _id: alert.alertId,
    ...alert,
    orgKeys: orgKeysOf(alert.orgIds),
    ...(pending === undefined ? {} : { pending }),
  };
}

export function noticeDocument(notice: StoredNotice): NoticeDocument {
  return { _id: notice.noticeId, ...notice, orgKeys: orgKeysOf(notice.orgIds) };
}

/** Fields of an alert set by the alerts service: its parties follow its journey; clearing sets its state. */
export type AlertFields = Partial<Alert> & { readonly pending?: PendingAlertChange };

/**
 * A write to a stored alert: a whole new state (raised again after it was cleared), or some of its fields. A write
 * that changes the state names the state it was judged from (`from`): it is made only if the alert is still in that
 * state and owes nothing, so that two judges of one alert (two instances, or a person acknowledging it) never both
 * change it, and no change is written over one not yet sent.
 */
export type AlertWrite =
  | { readonly replace: AlertDocument; readonly from: Alert['state'] }
  | { readonly alertId: string; readonly fields: AlertFields; readonly from?: Alert['state'] };

/** The document as an AlertWrite leaves it. */
export function afterWrite(before: AlertDocument, write: AlertWrite): AlertDocument {
  if ('replace' in write) {
    return write.replace;
  }
  const { fields } = write;
  return { ...before, ...fields, ...(fields.orgIds === undefined ? {} : { orgKeys: orgKeysOf(fields.orgIds) }) };
}

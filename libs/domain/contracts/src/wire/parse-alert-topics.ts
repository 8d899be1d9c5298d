import type { AlertChange, Notice } from '../alerts';
import { jsonObject, type Checked } from './checked';

/**
 * The one reader of `tracking.alerts.v1`. Readers apply a change by its alert's id (delivery is at least once),
 * so a change without one cannot be applied.
 */
export function parseAlertChange(bytes: Buffer | null): Checked<AlertChange> {
  const object = jsonObject(bytes);
  if (!object.ok) {
    return object;
  }
  const alert = object.value.alert as { alertId?: unknown } | null | undefined;
  return typeof alert?.alertId === 'string'
    ? { ok: true, value: object.value as unknown as AlertChange }
    : { ok: false, error: 'alert.alertId: not a string' };
}

/** The one reader of `tracking.notices.v1`: readers deduplicate by `noticeId`, so a notice needs one. */
export function parseNotice(bytes: Buffer | null): Checked<Notice> {
  const object = jsonObject(bytes);
  if (!object.ok) {
    return object;
  }
  return typeof object.value.noticeId === 'string'
    ? { ok: true, value: object.value as unknown as Notice }
    : { ok: false, error: 'noticeId: not a string' };
}

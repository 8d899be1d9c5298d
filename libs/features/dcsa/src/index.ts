/**
 * Partner platforms' interface in DCSA Track & Trace 2.2 form: the events mapped to DCSA, the event feed behind
 * `GET /v2/events`, webhook subscriptions, their outbox and signed notifications.
 */
export * from './dcsa-event';
export * from './to-dcsa-event';
export * from './event-filter';
export * from './event-feed.repository';
export * from './subscriptions.repository';
export * from './subscription-view';
export * from './deliveries.repository';
export * from './notification-signature';
export * from './retry-delay';
export * from './requests';
export * from './page-cursors';
export * from './signed-cursor';
export * from './webhook-receiver';
export * from './callback-url';
export * from './sealed-secret';

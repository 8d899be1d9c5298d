/**
 * The watchlist: what each API key holder follows (a container, a bill of lading, a waybill), the notifications of
 * what happens to it (arrival, departure, hold, inspection notice, ETA moved, delivery) and their e-mails.
 */
export * from './watch';
export * from './watches.repository';
export * from './notifications.repository';
export * from './watch-notifications';
export * from './notify-watchers';
export * from './notification-mail';

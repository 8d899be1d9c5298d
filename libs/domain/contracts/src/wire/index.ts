export { type Checked } from './checked';
export { parseAlertChange, parseNotice } from './parse-alert-topics';
export { parseDeadLetter } from './parse-dead-letter';
export { parseEdiReply } from './parse-edi-reply';
export { parseJourneyUpdate } from './parse-journey-update';
export { parseTrackingEvent } from './parse-tracking-event';
export * from './payloads';

import type { RawMessage } from '@mmt/contracts';
import { MAX_MINUTES_AHEAD_OF_RECEIPT } from './limits';

/**
 * Why a valid message cannot be accepted at the time the platform received it (`receivedAt`, the broker's
 * timestamp): its sentAt, or the time of an actual event it reports, is more than MAX_MINUTES_AHEAD_OF_RECEIPT
 * ahead of that. Plans and estimates may lie in the future; actual events and the sending itself may not.
 */
export function receiptProblems(message: RawMessage, receivedAt: string): string[] {
  const latest = Date.parse(receivedAt) + MAX_MINUTES_AHEAD_OF_RECEIPT * 60_000;
  const ahead = (time: string) => Math.ceil((Date.parse(time) - Date.parse(receivedAt)) / 60_000);
  const problems: string[] = [];
  const tolerance = `at most ${MAX_MINUTES_AHEAD_OF_RECEIPT} minutes ahead of receipt are accepted`;
  if (Date.parse(message.sentAt) > latest) {
    problems.push(
      `sentAt ${message.sentAt} is ${ahead(message.sentAt)} minutes after the platform received the message (${receivedAt}); ${tolerance}`,
    );
  }
  const classifier = 'classifier' in message ? (message.classifier ?? 'ACT') : 'ACT';
  if (classifier === 'ACT' && Date.parse(message.eventTime) > latest) {
    problems.push(
      `eventTime ${message.eventTime} of an actual event is ${ahead(message.eventTime)} minutes after the platform received the message (${receivedAt}); ${tolerance}`,
    );
  }
  return problems;
}

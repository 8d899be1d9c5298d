import { encodePayload, TOPICS, type Journey, type JourneyUpdate, type TrackingEvent } from '@mmt/contracts';
import { encodedSize, MAX_MESSAGE_BYTES } from '@mmt/kafka';

/**
 * The update message for a changed journey, within the broker's message limit: when the events it adds
 * would take it over (a long backlog for one container), they are left out and named by id instead, for
 * readers to take from the event log. Returns undefined only for a journey too large on its own.
 */
export function journeyUpdateMessage(
  journey: Journey,
  causedBy: readonly string[],
  added: readonly TrackingEvent[],
  containerJourneyIds: readonly string[],
  publishedAt: string,
): { key: string; value: Buffer } | undefined {
  const whole: JourneyUpdate = { journey, causedBy, events: added, containerJourneyIds, publishedAt };
  const candidates = [
    whole,
    { journey, causedBy, omittedEventIds: added.map((e) => e.eventId), containerJourneyIds, publishedAt },
  ] satisfies JourneyUpdate[];
  for (const update of candidates) {
    const message = { key: journey.containerNo, value: encodePayload(TOPICS.journeyUpdates, update) };
    if (encodedSize(message) <= MAX_MESSAGE_BYTES) {
      return message;
    }
  }
  return undefined;
}

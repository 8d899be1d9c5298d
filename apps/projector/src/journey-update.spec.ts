import type { JourneyUpdate } from '@mmt/contracts';
import { foldJourneys } from '@mmt/journey';
import { chinaEuropeTrip } from '../../../libs/domain/journey/src/testing/china-europe-trip.factory';
import { encodedSize, MAX_MESSAGE_BYTES } from '@mmt/kafka';
import { journeyUpdateMessage } from './journey-update';

describe(journeyUpdateMessage.name, () => {
  const events = Object.values(chinaEuropeTrip()).flat();
  const [journey] = foldJourneys(events);

  it('carries the added events when they fit', () => {
    const message = journeyUpdateMessage(journey, ['x'], events, [journey.journeyId], '2026-03-01T00:00:00Z')!;
    const update = JSON.parse(message.value.toString('utf8')) as JourneyUpdate;
    expect(message.key).toBe(journey.containerNo);
    expect(update.events).toEqual(events);
    expect(update.omittedEventIds).toBeUndefined();
    expect(update.containerJourneyIds).toEqual([journey.journeyId]);
  });

  it('names the added events by id instead of carrying them when they would pass the message limit', () => {
    const padded = events.map((e) => ({ ...e, remarks: 'z'.repeat(Math.ceil(MAX_MESSAGE_BYTES / events.length)) }));
    const message = journeyUpdateMessage(journey, ['x'], padded, [journey.journeyId], '2026-03-01T00:00:00Z')!;
    const update = JSON.parse(message.value.toString('utf8')) as JourneyUpdate;
    expect(encodedSize(message)).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
    expect(update.events).toBeUndefined();
    expect(update.omittedEventIds).toEqual(events.map((e) => e.eventId));
    expect(update.journey).toEqual(journey);
    expect(update.containerJourneyIds).toEqual([journey.journeyId]);
  });
});

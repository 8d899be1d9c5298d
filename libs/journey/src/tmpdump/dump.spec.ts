import { foldJourneys } from '../fold-journeys';
import { tripUntil } from '../testing/china-europe-trip.factory';
it('dumps', () => {
  process.stdout.write(JSON.stringify(foldJourneys(tripUntil('completed')), null, 1) + '\n');
  process.stdout.write(
    JSON.stringify(
      foldJourneys(tripUntil('atBorder')).map((j) => ({
        s: j.status,
        legs: j.legs,
        dwell: j.dwell,
        eta: j.eta,
        d: j.delayMinutes,
        cp: j.currentPlace,
      })),
      null,
      1,
    ) + '\n',
  );
});

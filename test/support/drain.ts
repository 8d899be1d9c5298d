import { isDeepStrictEqual } from 'node:util';
import type { Connection } from 'mongoose';
import type { Journey } from '@mmt/contracts';
import { EventLogRepository, JourneysRepository } from '@mmt/store';
import type { expectedOutcome } from './ground-truth';

/**
 * Waits until the store holds exactly the expected event versions and journeys; returns the stored journeys (which
 * differ from the expected ones only when the time ran out, so that the test's own assertion shows how).
 */
export async function drainTo(
  store: Connection,
  expected: ReturnType<typeof expectedOutcome>,
  timeoutMs: number,
  label: string,
): Promise<Journey[]> {
  const journeys = new JourneysRepository(store);
  const eventLog = new EventLogRepository(store);
  const deadline = Date.now() + timeoutMs;
  let lastCount = -1;
  let stored: Journey[] = [];
  while (Date.now() < deadline) {
    const logged = await eventLog.count();
    if (logged === expected.versions) {
      stored = await journeys.all();
      if (isDeepStrictEqual(stored, expected.journeys)) {
        return stored;
      }
    }
    if (logged !== lastCount) {
      console.log(`${label}: ${logged}/${expected.versions} event versions logged`);
      lastCount = logged;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return journeys.all();
}

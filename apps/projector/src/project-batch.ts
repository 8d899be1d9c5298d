import type { Journey, TrackingEvent } from '@mmt/contracts';
import { foldJourneys } from '@mmt/journey';
import type { ContainerEvents, ContainerEventsRepository, EventLogRepository, JourneysRepository } from '@mmt/store';

export interface ProjectionStores {
  readonly eventLog: EventLogRepository;
  readonly containers: ContainerEventsRepository;
  readonly journeys: JourneysRepository;
}

export interface ProjectionResult {
  readonly newEvents: number;
  readonly changed: { journey: Journey; causedBy: string[]; added: TrackingEvent[] }[];
}

/**
 * Appends a batch of events to the log and refolds every container they touch. The write order makes a
 * crash at any point harmless on replay: log (idempotent by id), then journeys, then the container
 * document that records which journey versions are written. `publish` runs after the journeys are stored.
 */
export async function projectBatch(
  events: readonly TrackingEvent[],
  stores: ProjectionStores,
  publish: (changed: ProjectionResult['changed']) => Promise<void>,
): Promise<ProjectionResult> {
  const newEvents = await stores.eventLog.append(events);
  const byContainer = new Map<string, TrackingEvent[]>();
  for (const event of events) {
    const containerEvents = byContainer.get(event.containerNo) ?? [];
    containerEvents.push(event);
    byContainer.set(event.containerNo, containerEvents);
  }
  const documents = await stores.containers.load([...byContainer.keys()]);

  const changed: ProjectionResult['changed'] = [];
  const removed: string[] = [];
  const updatedDocuments: ContainerEvents[] = [];
  for (const [containerNo, incoming] of byContainer) {
    const document = documents.get(containerNo)!;
    const merged = new Map(document.events.map((e) => [e.eventId, e]));
    const added: TrackingEvent[] = [];
    for (const event of incoming) {
      // The first copy of an id is kept, as in the event log: a resend changes nothing.
      if (!merged.has(event.eventId)) {
        merged.set(event.eventId, event);
        added.push(event);
      }
    }
    const journeys = foldJourneys([...merged.values()]);
    const versions = Object.fromEntries(journeys.map((j) => [j.journeyId, j.version]));
    const causedBy = incoming.map((e) => e.eventId);
    for (const journey of journeys) {
      if (document.journeyVersions[journey.journeyId] !== journey.version) {
        const inJourney = new Set(journey.eventIds);
        changed.push({ journey, causedBy, added: added.filter((e) => inJourney.has(e.eventId)) });
      }
    }
    removed.push(...Object.keys(document.journeyVersions).filter((id) => versions[id] === undefined));
    if (merged.size !== document.events.length || changed.some((c) => c.journey.containerNo === containerNo)) {
      updatedDocuments.push({ _id: containerNo, events: [...merged.values()], journeyVersions: versions });
    }
  }

  await stores.journeys.saveAll(changed.map((c) => c.journey));
  await stores.journeys.deleteIds(removed);
  await publish(changed);
  await stores.containers.saveAll(updatedDocuments);
  return { newEvents, changed };
}

import type { Corridor, Party, Place, ShipmentEvent } from '@mmt/contracts';
import { documentKey } from './documents';
import type { LiveEvent } from './live-event';
import { optional } from './optional';
import { copyPlace } from './places';
import { compareByEventTime, compareText } from './time';

/** What the journey's main transport documents say about the trip. */
export interface WaybillFacts {
  readonly origin?: Place;
  readonly destination?: Place;
  readonly plannedArrival?: string;
  readonly corridor?: Corridor;
  readonly coldChain: boolean;
  readonly isoSizeType?: string;
}

/**
 * Each field from the latest waybill event (by eventDateTime, eventCreatedDateTime, eventId) that gives it,
 * so an amendment overrides the issue and a cancellation that repeats fewer fields keeps the rest.
 * Cold chain: any main document whose latest word on it is yes. ISO size-type falls back to any event's.
 */
export function waybillFacts(events: readonly LiveEvent[], mainDocumentKeys: ReadonlySet<string>): WaybillFacts {
  const newestFirst = [...events].sort(compareByEventTime).reverse();
  const waybillEvents = newestFirst.filter(
    (event): event is ShipmentEvent =>
      event.eventType === 'SHIPMENT' && mainDocumentKeys.has(documentKey(event.document)),
  );
  const latest = <T>(pick: (event: ShipmentEvent) => T | undefined): T | undefined =>
    waybillEvents.map(pick).find((value) => value !== undefined);
  const origin = latest((event) => event.origin);
  const destination = latest((event) => event.destination);
  const plannedArrival = latest((event) => event.plannedArrival);
  const corridor = latest((event) => event.corridor);
  const isoSizeType = latest((event) => event.isoSizeType) ?? newestFirst.map(isoSizeTypeOf).find(Boolean);
  return {
    ...optional('origin', origin === undefined ? undefined : copyPlace(origin)),
    ...optional('destination', destination === undefined ? undefined : copyPlace(destination)),
    ...optional('plannedArrival', plannedArrival),
    ...optional('corridor', corridor),
    coldChain: [...mainDocumentKeys].some((key) => latestColdChainWord(waybillEvents, key) === true),
    ...optional('isoSizeType', isoSizeType),
  };
}

/** What the newest version of document `key` that mentions cold chain says about it. */
function latestColdChainWord(newestFirst: readonly ShipmentEvent[], key: string): boolean | undefined {
  return newestFirst.find((event) => documentKey(event.document) === key && event.coldChain !== undefined)?.coldChain;
}

function isoSizeTypeOf(event: LiveEvent): string | undefined {
  return event.eventType === 'SHIPMENT' || event.eventType === 'EQUIPMENT' ? event.isoSizeType : undefined;
}

/** Every party named on the journey's documents (unique, sorted by role, orgId, name) and their orgIds. */
export function journeyParties(events: readonly LiveEvent[]): { parties: Party[]; orgIds: string[] } {
  const byKey = new Map<string, Party>();
  for (const event of events) {
    if (event.eventType === 'SHIPMENT') {
      event.parties.forEach((party) =>
        byKey.set(JSON.stringify([party.role, party.orgId, party.name]), {
          role: party.role,
          orgId: party.orgId,
          name: party.name,
        }),
      );
    }
  }
  const parties = [...byKey.values()].sort(
    (a, b) => compareText(a.role, b.role) || compareText(a.orgId, b.orgId) || compareText(a.name, b.name),
  );
  const orgIds = [...new Set(parties.map((party) => party.orgId))].sort(compareText);
  return { parties, orgIds };
}

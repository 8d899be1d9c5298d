import { LOCATIONS, type Corridor, type Journey, type Milestone } from '@mmt/contracts';

/**
 * What one journey contributes to the port office's statistics. Each fact is counted in the buckets of its
 * instant's day, week and month, under its corridor, hub (LOCODE) and direction.
 *
 * Corridor level (door to door):
 * - `started`: the first leg's actual departure, at the origin;
 * - `delivered` and `transit` (minutes): the journey's arrival at its destination (`arrivedAt`: it is ARRIVED or
 *   COMPLETED there, the same for every corridor), and the time since the first actual departure.
 * Hub level:
 * - `departed` / `arrived`: each leg's actual departure from / arrival at a hub;
 * - `legTransit` (minutes): each leg with both, at its arrival hub;
 * - `dwell` (minutes): each finished stay at a hub, when the container left;
 * - `cleared`: the first actual customs release (CUSR) at a port; `inspected`: one of those after an actual
 *   selection or inspection (CUSS, CUSI) there; `clearance` (minutes): from the container's first actual
 *   arrival there (ARRI, DISC or GTIN) to that release; its parts, where the customs declaration (CUSD) there
 *   is known: `awaitingDeclaration` (arrival to declaration, 0 when declared before arrival) and
 *   `declarationToRelease`.
 * Customs broker level (in buckets of their own, one per broker, under the port):
 * - `declared` (minutes): each first actual declaration at a port by the broker that lodged it, minutes after
 *   the container's arrival there (0 when lodged before arrival); `declaredBeforeArrival`: those lodged before.
 */
export const METRICS = [
  'started',
  'delivered',
  'transit',
  'departed',
  'arrived',
  'legTransit',
  'dwell',
  'cleared',
  'inspected',
  'clearance',
  'awaitingDeclaration',
  'declarationToRelease',
  'declared',
  'declaredBeforeArrival',
] as const;
export type Metric = (typeof METRICS)[number];

/** Import or export as seen from China: by the countries of the journey's origin and destination. */
export const DIRECTIONS = ['EXPORT', 'IMPORT', 'TRANSIT'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** A journey whose waybill named no corridor is counted under this one. */
export const UNKNOWN_CORRIDOR = 'UNKNOWN';
export type CorridorOrUnknown = Corridor | typeof UNKNOWN_CORRIDOR;

export interface Fact {
  readonly metric: Metric;
  readonly corridor: CorridorOrUnknown;
  readonly locode: string;
  readonly direction: Direction;
  /** The instant that puts the fact in its day, week and month. */
  readonly at: string;
  readonly teu: number;
  /** Durations only: whole minutes. */
  readonly minutes?: number;
  /** Broker facts only: the customs broker's orgId and name. */
  readonly broker?: string;
  readonly brokerName?: string;
}

const TEU_BY_LENGTH_CODE: Readonly<Record<string, number>> = { '2': 1, '4': 2, L: 2.25 };
const COUNTRY_BY_LOCODE = new Map(LOCATIONS.map((location) => [location.locode, location.country]));
const HOME_COUNTRY = 'CN';
const ARRIVAL_CODES = ['ARRI', 'DISC', 'GTIN'];
const INSPECTION_CODES = ['CUSS', 'CUSI'];
const DECLARATION_CODE = 'CUSD';

function countryOf(locode: string | undefined): string | undefined {
  return locode === undefined ? undefined : (COUNTRY_BY_LOCODE.get(locode) ?? locode.slice(0, 2));
}

export function directionOf(journey: Pick<Journey, 'origin' | 'destination'>): Direction {
  const from = countryOf(journey.origin?.locode);
  const to = countryOf(journey.destination?.locode);
  if (from === HOME_COUNTRY && to !== undefined && to !== HOME_COUNTRY) {
    return 'EXPORT';
  }
  if (to === HOME_COUNTRY && from !== undefined && from !== HOME_COUNTRY) {
    return 'IMPORT';
  }
  return 'TRANSIT';
}

/** Twenty-foot equivalent units from the ISO 6346 size-type's first character: 2 → 1, 4 → 2, L (45 ft) → 2.25. */
export function teuOf(isoSizeType: string | undefined): number {
  return TEU_BY_LENGTH_CODE[isoSizeType?.charAt(0) ?? ''] ?? 0;
}

const minutesBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 60_000);
const byTime = (a: Milestone, b: Milestone) => Date.parse(a.at) - Date.parse(b.at);

export function journeyFacts(journey: Journey): Fact[] {
  const corridor = journey.corridor ?? UNKNOWN_CORRIDOR;
  const direction = directionOf(journey);
  const teu = teuOf(journey.isoSizeType);
  const facts: Fact[] = [];
  const add = (metric: Metric, locode: string, at: string, minutes?: number) =>
    facts.push({ metric, corridor, locode, direction, at, teu, ...(minutes === undefined ? {} : { minutes }) });

  const departures = journey.legs.filter((leg) => leg.actualDeparture !== undefined && leg.from !== undefined);
  const first = [...departures].sort((a, b) => Date.parse(a.actualDeparture!) - Date.parse(b.actualDeparture!))[0];
  if (first !== undefined) {
    add('started', first.from!.locode, first.actualDeparture!);
  }
  if (journey.arrivedAt !== undefined && journey.destination !== undefined) {
    add('delivered', journey.destination.locode, journey.arrivedAt);
    if (first !== undefined) {
      add(
        'transit',
        journey.destination.locode,
        journey.arrivedAt,
        minutesBetween(first.actualDeparture!, journey.arrivedAt),
      );
    }
  }

  for (const leg of journey.legs) {
    if (leg.actualDeparture !== undefined && leg.from !== undefined) {
      add('departed', leg.from.locode, leg.actualDeparture);
    }
    if (leg.actualArrival !== undefined && leg.to !== undefined) {
      add('arrived', leg.to.locode, leg.actualArrival);
      if (leg.actualDeparture !== undefined) {
        add('legTransit', leg.to.locode, leg.actualArrival, minutesBetween(leg.actualDeparture, leg.actualArrival));
      }
    }
  }
  for (const stay of journey.dwell) {
    if (stay.departedAt !== undefined && stay.minutes !== undefined) {
      add('dwell', stay.place.locode, stay.departedAt, stay.minutes);
    }
  }

  const actual = journey.milestones.filter((m) => m.classifier === 'ACT' && m.place !== undefined).sort(byTime);
  const ports = new Set(
    actual.filter((m) => m.code === 'CUSR' || m.code === DECLARATION_CODE).map((m) => m.place!.locode),
  );
  for (const locode of ports) {
    const here = actual.filter((m) => m.place!.locode === locode);
    const arrival = here.find((m) => ARRIVAL_CODES.includes(m.code));
    const declaration = here.find((m) => m.code === DECLARATION_CODE);
    const release = here.find((m) => m.code === 'CUSR');
    const declaredAfterArrival =
      declaration === undefined || arrival === undefined
        ? undefined
        : Math.max(0, minutesBetween(arrival.at, declaration.at));
    if (declaration?.customsBroker !== undefined && declaredAfterArrival !== undefined) {
      const broker = { broker: declaration.customsBroker.orgId, brokerName: declaration.customsBroker.name };
      facts.push({
        metric: 'declared',
        corridor,
        locode,
        direction,
        at: declaration.at,
        teu,
        minutes: declaredAfterArrival,
        ...broker,
      });
      if (Date.parse(declaration.at) < Date.parse(arrival!.at)) {
        facts.push({
          metric: 'declaredBeforeArrival',
          corridor,
          locode,
          direction,
          at: declaration.at,
          teu,
          ...broker,
        });
      }
    }
    if (release === undefined) {
      continue;
    }
    const before = here.filter((m) => Date.parse(m.at) <= Date.parse(release.at));
    add('cleared', locode, release.at);
    if (before.some((m) => INSPECTION_CODES.includes(m.code))) {
      add('inspected', locode, release.at);
    }
    const arrived = before.find((m) => ARRIVAL_CODES.includes(m.code));
    if (arrived !== undefined) {
      add('clearance', locode, release.at, minutesBetween(arrived.at, release.at));
    }
    if (declaration !== undefined && Date.parse(declaration.at) <= Date.parse(release.at)) {
      if (arrived !== undefined && declaredAfterArrival !== undefined) {
        add('awaitingDeclaration', locode, release.at, declaredAfterArrival);
      }
      add('declarationToRelease', locode, release.at, minutesBetween(declaration.at, release.at));
    }
  }
  return facts;
}

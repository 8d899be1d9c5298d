/** The collector every corridor writes its raw messages into, with the ids and uniqueness they need. */
import { makeContainerNo, type Place, type RawMessage, type RawTopic, type SourceSystem } from '@mmt/contracts';
import type { Prng } from './prng';
import type { GroundTruth, LegTruth, TripTruth } from './types';
import { isoWithOffset, localIso, toSecond, utcOffsetMinutes } from './time';

/** One valid raw message as generated, before any disorder. */
export interface Emitted {
  readonly topic: RawTopic;
  readonly key: string;
  readonly message: RawMessage;
  readonly sentAtMs: number;
}

const MESSAGE_ID_PREFIX: Readonly<Record<SourceSystem, string>> = {
  CHINA_EUROPE_RAIL: 'CER',
  LAND_SEA_CORRIDOR: 'LSC',
  COASTAL_PORT: 'CPT',
};

const CHINA: Place = { locode: 'CNCQI' };

export class Feed {
  readonly out: Emitted[] = [];
  readonly containers: string[] = [];
  readonly truth: GroundTruth = { trips: [], missedConnections: [], undeclaredLoads: [] };
  private readonly tripByContainer = new Map<string, TripTruth>();
  private readonly taken = new Set<string>();
  private messageSeq = 0;

  constructor(
    readonly rng: Prng,
    readonly conveyanceReports: boolean,
    /** Share of the schedules revised once before departure. */
    readonly scheduleChanges: number,
    /** Part of every message id, so runs with different seeds do not collide on a shared broker. */
    private readonly idTag: string,
  ) {}

  /** A value `make` produces that no earlier call to `unique` returned (document numbers, train numbers, ...). */
  unique(make: () => string): string {
    for (;;) {
      const value = make();
      if (!this.taken.has(value)) {
        this.taken.add(value);
        return value;
      }
    }
  }

  /** A fresh, valid ISO 6346 container number with one of the owner codes (`CRSU`, `MSKU`, ...). */
  newContainer(owners: readonly string[]): string {
    const containerNo = this.unique(() => makeContainerNo(this.rng.pick(owners), this.rng.int(0, 999_999)));
    this.containers.push(containerNo);
    return containerNo;
  }

  /**
   * The common envelope. `sentAt` is written as the reporting site's clock shows it: +08:00 in China and
   * Singapore, UTC (`Z`) for the European and Central Asian rail reporting systems.
   */
  envelope(source: SourceSystem, sentAtMs: number, site: Place = CHINA) {
    this.messageSeq += 1;
    const offset = utcOffsetMinutes(site.locode, sentAtMs);
    const ms = toSecond(sentAtMs);
    return {
      messageId: `${MESSAGE_ID_PREFIX[source]}-${this.idTag}-${String(this.messageSeq).padStart(7, '0')}`,
      source,
      sentAt: offset === 480 ? localIso(ms, site) : isoWithOffset(ms, 0),
    };
  }

  push(topic: RawTopic, key: string, message: RawMessage, sentAtMs: number): void {
    this.out.push({ topic, key, message, sentAtMs: toSecond(sentAtMs) });
  }

  /** Records a container's trip in the ground truth, before any of its legs. */
  recordTrip(trip: TripTruth): void {
    this.truth.trips.push(trip);
    this.tripByContainer.set(trip.containerNo, trip);
  }

  /** Records a leg a container travelled, in the ground truth of its trip. */
  recordLeg(containerNo: string, leg: LegTruth): void {
    this.tripByContainer.get(containerNo)?.legs.push(leg);
  }

  /** How long after the fact a source reports: usually minutes, now and then hours. */
  reportDelay(): number {
    return this.rng.chance(0.05) ? this.rng.between(60, 12 * 60) * 60_000 : this.rng.between(1, 25) * 60_000;
  }
}

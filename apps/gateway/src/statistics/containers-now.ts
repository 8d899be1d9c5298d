import { positiveSetting } from '@mmt/platform';
import type { JourneysRepository, Whereabout } from '@mmt/store';

/** A count of containers on their way, at one place or on one corridor. */
export interface WhereaboutsCount {
  /** Containers whose newest event is within the stale limit of `asOf`. */
  readonly containers: number;
  /** Containers counted here once, but not heard of within the stale limit: left out of `containers`. */
  readonly staleContainers: number;
  /** The newest event of a container here, stale or not. */
  readonly newestEventAt: string;
}

/** Where the containers on their way are now: for the port office's map. */
export interface ContainersNow {
  readonly countedAt: string;
  /** What "now" is for staleness: the newest event the platform holds, at most countedAt. */
  readonly asOf: string;
  readonly staleAfterHours: number;
  /** At a place (at origin or at a hub), by the journey's current place (UN/LOCODE). */
  readonly atPlaces: readonly (WhereaboutsCount & { readonly locode: string })[];
  /** On a conveyance between places, by corridor (UNKNOWN when the waybill named none). */
  readonly onTheWay: readonly (WhereaboutsCount & { readonly corridor: string })[];
}

/** No event for two weeks: a China-Europe train reports at its borders and hubs within days. */
export const DEFAULT_STALE_AFTER_HOURS = 14 * 24;

/** CONTAINERS_NOW_STALE_AFTER_HOURS, checked at start. */
export function staleAfterHoursFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  return positiveSetting(env, 'CONTAINERS_NOW_STALE_AFTER_HOURS', DEFAULT_STALE_AFTER_HOURS, 'whole');
}

/** One count is shared by every dashboard for this long: the count reads every journey. */
const FRESH_FOR_MS = 5_000;
const HOUR_MS = 3_600_000;

/**
 * Counts the containers still on their way (AT_ORIGIN, IN_TRANSIT, AT_HUB: an ARRIVED, COMPLETED or CANCELLED
 * journey has ended), each container once, by its most recent such journey. A container not heard of for
 * `staleAfterHours` before `asOf` is counted as stale, apart: its last known place is no longer news. `asOf` is
 * the newest event of any journey, at most the wall clock, so a replayed history reads as it did when it was live.
 */
export class ContainersNowCounter {
  private last?: { readonly at: number; readonly counts: Promise<ContainersNow> };

  constructor(
    private readonly journeys: JourneysRepository,
    private readonly staleAfterHours: number = DEFAULT_STALE_AFTER_HOURS,
  ) {}

  count(now = Date.now()): Promise<ContainersNow> {
    if (this.last === undefined || now - this.last.at > FRESH_FOR_MS) {
      const last = { at: now, counts: this.countNow(now) };
      this.last = last;
      // A failed count is not kept: the next caller counts again (unless a newer count has replaced it).
      last.counts.catch(() => {
        if (this.last === last) {
          this.last = undefined;
        }
      });
    }
    return this.last.counts;
  }

  private async countNow(now: number): Promise<ContainersNow> {
    const { newestEventMs, onTheWay } = await this.journeys.whereabouts();
    const asOf = Math.min(now, newestEventMs ?? now);
    const staleBefore = asOf - this.staleAfterHours * HOUR_MS;
    const atPlaces = new Tally();
    const moving = new Tally();
    for (const whereabout of onTheWay) {
      if (whereabout.status === 'IN_TRANSIT') {
        moving.add(whereabout.corridor ?? 'UNKNOWN', whereabout, staleBefore);
      } else if (whereabout.locode !== undefined) {
        atPlaces.add(whereabout.locode, whereabout, staleBefore);
      }
    }
    return {
      countedAt: new Date(now).toISOString(),
      asOf: new Date(asOf).toISOString(),
      staleAfterHours: this.staleAfterHours,
      atPlaces: atPlaces.rows().map(([locode, count]) => ({ locode, ...count })),
      onTheWay: moving.rows().map(([corridor, count]) => ({ corridor, ...count })),
    };
  }
}

/** Counts by one key, sorted by it. */
class Tally {
  private readonly byKey = new Map<string, { containers: number; staleContainers: number; newestMs: number }>();

  add(key: string, { lastEventMs }: Whereabout, staleBefore: number): void {
    const count = this.byKey.get(key) ?? { containers: 0, staleContainers: 0, newestMs: lastEventMs };
    if (lastEventMs < staleBefore) {
      count.staleContainers += 1;
    } else {
      count.containers += 1;
    }
    count.newestMs = Math.max(count.newestMs, lastEventMs);
    this.byKey.set(key, count);
  }

  rows(): [string, WhereaboutsCount][] {
    return [...this.byKey.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([key, { containers, staleContainers, newestMs }]) => [
        key,
        { containers, staleContainers, newestEventAt: new Date(newestMs).toISOString() },
      ]);
  }
}

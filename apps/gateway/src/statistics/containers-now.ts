import { Injectable } from '@nestjs/common';
import { JourneysRepository } from '@mmt/store';

/** Where the containers of unfinished journeys are now: for the port office's map. */
export interface ContainersNow {
  readonly countedAt: string;
  /** Containers whose journey's current place is the location, by UN/LOCODE (at a hub, arrived, at origin). */
  readonly atPlaces: readonly { readonly locode: string; readonly containers: number }[];
  /** Containers on a conveyance between places, by corridor (UNKNOWN when the waybill named none). */
  readonly onTheWay: readonly { readonly corridor: string; readonly containers: number }[];
}

/** One count is shared by every dashboard for this long: the count reads every unfinished journey. */
const FRESH_FOR_MS = 5_000;

@Injectable()
export class ContainersNowCounter {
  private last?: { readonly at: number; readonly counts: Promise<ContainersNow> };

  constructor(private readonly journeys: JourneysRepository) {}

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
    const groups = await this.journeys.unfinishedWhereabouts();
    const atPlaces = new Map<string, number>();
    const onTheWay = new Map<string, number>();
    for (const { status, locode, corridor, containers } of groups) {
      if (status === 'IN_TRANSIT') {
        const on = corridor ?? 'UNKNOWN';
        onTheWay.set(on, (onTheWay.get(on) ?? 0) + containers);
      } else if (locode !== undefined) {
        atPlaces.set(locode, (atPlaces.get(locode) ?? 0) + containers);
      }
    }
    const sorted = (counts: Map<string, number>) => [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
    return {
      countedAt: new Date(now).toISOString(),
      atPlaces: sorted(atPlaces).map(([locode, containers]) => ({ locode, containers })),
      onTheWay: sorted(onTheWay).map(([corridor, containers]) => ({ corridor, containers })),
    };
  }
}

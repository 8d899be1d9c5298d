import type { Collection } from 'mongoose';
import type { Journey } from '@mmt/contracts';
import type { ContainerOwnersRepository } from '../container-owners.repository';
import { listedProjection, type JourneyDocument, type ListedJourney } from '../journey-document';
import { ContainerSpace } from './container-space';
import { scanWindows, type ContainerRange, type Density } from './window-scan';

/** How long the owner directory is reused; an owner added since only makes a list read slower. */
const OWNERS_TTL_MS = 30_000;
/** Lists whose window sizes are remembered, oldest forgotten first. */
const REMEMBERED_LISTS = 500;

/** One part of a journey list: the list key its index serves, and the conditions checked on each journey read. */
export interface WindowedList {
  /** A list key of `derived.listKeys` (the index ahead of `containerNo`), or none for every journey. */
  readonly listKey?: string;
  readonly accept: (journey: ListedJourney) => boolean;
  /** The fields to read besides the LISTED_FIELDS; every field when undefined. */
  readonly fields?: readonly (keyof Journey)[];
  /** Names the list, so that its next page's windows are sized by what this one met. */
  readonly memoryKey: string;
}

/**
 * This folder (`embedded-planner`) holds what exists only because of the embedded store's query planner
 * (SecantusDB): it plans an index only for a query that holds exactly the index's fields, and it reads every
 * document of a query's index range before it applies a limit. So a list does not ask for "the next 20 by id
 * under this filter"; it reads bounded windows of container numbers under one list key and checks the rest of
 * the filter on what it read. On MongoDB 7 the same queries run unchanged (each window is a plain range query on
 * the `{ 'derived.listKeys': 1, containerNo: 1 }` or `{ containerNo: 1 }` index) and give the same pages; there a
 * sorted, limited query would do, and this folder could go.
 */
export class ListWindows {
  private space?: { readonly value: Promise<ContainerSpace>; readonly readAt: number };
  /** What the last read of each list met: sizes the windows of its next page. */
  private readonly densities = new Map<string, Density>();

  constructor(
    private readonly journeys: Collection<JourneyDocument>,
    private readonly owners: ContainerOwnersRepository,
  ) {}

  /** Up to `wanted` journeys of the list after `afterId` (exclusive), by journey id. */
  async read(list: WindowedList, { afterId, wanted }: { afterId?: string; wanted: number }): Promise<ListedJourney[]> {
    const indexed = list.listKey === undefined ? {} : { 'derived.listKeys': list.listKey };
    const scan = await scanWindows({
      space: await this.containerSpace(),
      afterId,
      wanted,
      density: this.densities.get(list.memoryKey),
      // Exactly the index's fields: the store plans no index for a query with any other.
      read: (range: ContainerRange) =>
        this.journeys
          .find({ ...indexed, containerNo: range }, { projection: listedProjection(list.fields) })
          .toArray() as Promise<ListedJourney[]>,
      accept: list.accept,
    });
    if (scan.density !== undefined) {
      this.remember(list.memoryKey, scan.density);
    }
    return scan.journeys;
  }

  /** The container space of the owner directory, read again when older than OWNERS_TTL_MS. */
  private containerSpace(): Promise<ContainerSpace> {
    if (this.space === undefined || Date.now() - this.space.readAt > OWNERS_TTL_MS) {
      const value = this.owners.all().then((owners) => new ContainerSpace(owners));
      // A failed read is not kept: the next list reads the directory again.
      value.catch(() => {
        if (this.space?.value === value) {
          this.space = undefined;
        }
      });
      this.space = { value, readAt: Date.now() };
    }
    return this.space.value;
  }

  private remember(key: string, density: Density): void {
    this.densities.delete(key);
    this.densities.set(key, density);
    if (this.densities.size > REMEMBERED_LISTS) {
      this.densities.delete(this.densities.keys().next().value!);
    }
  }
}

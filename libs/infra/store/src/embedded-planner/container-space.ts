/** Serial numbers of one owner code: six serial digits and the check digit (ISO 6346). */
export const SERIALS_PER_OWNER = 10_000_000;

function serialOf(containerNo: string): number {
  const digits = containerNo.slice(4, 11).padEnd(7, '0');
  return /^\d{7}$/.test(digits) ? Number(digits) : 0;
}

/**
 * The space of container numbers as positions: the known owner codes one after another, each with its
 * SERIALS_PER_OWNER serial numbers. A range of positions maps to a range of container numbers, so a list can
 * read the store in windows of a chosen width without crossing the empty space between owner codes one step
 * at a time. Bounds cover every string, known owner or not: windows from position 0 to the end leave no gap.
 */
export class ContainerSpace {
  private readonly owners: readonly string[];

  /** `owners`: the owner directory, sorted. */
  constructor(owners: readonly string[]) {
    this.owners = owners;
  }

  get end(): number {
    return this.owners.length * SERIALS_PER_OWNER;
  }

  /** Where the numbers of the owner at `position` end; past the last owner, nothing ends. */
  ownerEnd(position: number): number {
    return position >= this.end ? Infinity : (Math.floor(position / SERIALS_PER_OWNER) + 1) * SERIALS_PER_OWNER;
  }

  /** The position of a container number; one in the gap before a known owner is placed at that owner's start. */
  position(containerNo: string): number {
    const owner = containerNo.slice(0, 4);
    const index = this.firstOwnerFrom(owner);
    return index * SERIALS_PER_OWNER + (this.owners[index] === owner ? serialOf(containerNo) : 0);
  }

  /** The smallest container number at `position` or after, as a `$gte` bound; undefined at the end (no bound). */
  bound(position: number): string | undefined {
    if (position <= 0) {
      return '';
    }
    if (position >= this.end) {
      return undefined;
    }
    const owner = this.owners[Math.floor(position / SERIALS_PER_OWNER)];
    return `${owner}${String(position % SERIALS_PER_OWNER).padStart(7, '0')}`;
  }

  private firstOwnerFrom(owner: string): number {
    let low = 0;
    let high = this.owners.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.owners[middle] < owner) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }
}

/** What a scan needs of a journey: its id, to order and page by; a read may hold any more of its fields. */
type Identified = { readonly journeyId: string };
import type { ContainerSpace } from './container-space';

/** A range of container numbers, `{ $gte, $lt }`; no `$lt` reaches to the end. */
export interface ContainerRange {
  readonly $gte: string;
  readonly $lt?: string;
}

/** Positions of the container space per journey accepted, and per document read, in the windows of a scan. */
export interface Density {
  readonly perMatch: number;
  readonly perRead: number;
}

export interface WindowScan<J extends Identified> {
  readonly space: ContainerSpace;
  /** The page continues after this journey id (exclusive). */
  readonly afterId?: string;
  /** Journeys wanted: the page and one more, to know whether another page follows. */
  readonly wanted: number;
  /** What an earlier scan of the same filter met, to size the first window; none: FIRST_WIDTH. */
  readonly density?: Density;
  /** The journeys in a range of container numbers, under the query's indexed filter. */
  readonly read: (range: ContainerRange) => Promise<readonly J[]>;
  /** Whether a journey belongs on the page: the filter's conditions that no index served. */
  readonly accept: (journey: J) => boolean;
}

export interface ScanResult<J extends Identified> {
  /** Up to `wanted` journeys, by journey id. */
  readonly journeys: J[];
  /** The densest an owner's numbers were met in this scan; undefined when it accepted nothing. */
  readonly density?: Density;
  /** Documents the store returned, accepted or not. */
  readonly read: number;
}

/** The first window of a filter not seen yet: about a page of an owner code with some thousands of journeys. */
export const FIRST_WIDTH = 20_000;
/** A window after one that held too few is at most this much wider. */
const GROWTH = 8;
/**
 * Read well more than the estimate, so that one window nearly always completes the page: the matches in a window
 * vary around the estimate, and a second window costs a query, more than the extra documents do (bench:queries:
 * at 1.25 the pages took 1.2 queries on average and a partner's page had a p99 1.6 times the store's floor; at
 * 1.6, 1.0 to 1.1 queries and 1.3 times).
 */
const MARGIN = 1.6;
/**
 * A window is sized to hold at most this many documents of the indexed filter per journey wanted, at the
 * density read so far: where the conditions no index serves reject most, the scan steps on in windows of
 * this size instead of growing into a dense stretch of container numbers.
 */
const MAX_READ_PER_WANTED = 4;

const byId = (a: Identified, b: Identified) => (a.journeyId < b.journeyId ? -1 : a.journeyId > b.journeyId ? 1 : 0);

function nextWidth(wanted: number, accepted: number, density: Density | undefined, width: number): number {
  const estimate = density === undefined ? Infinity : (wanted - accepted) * density.perMatch * MARGIN;
  // perMatch is Infinity while nothing was accepted: the estimate says nothing, the other bounds decide.
  const readable = density === undefined ? Infinity : MAX_READ_PER_WANTED * wanted * density.perRead;
  return Math.max(1, Math.round(Math.min(estimate, readable, width)));
}

/**
 * Keyset pagination by journey id over windows of container numbers. A journey id starts with its container
 * number, so id order is container-number order, and each window's journeys sort by id on their own. The
 * store reads every document of a query's index range before it applies a limit (SecantusDB materialises
 * the whole range), so a page reads only bounded ranges: windows within one owner code, each as wide as the
 * density seen so far says a page needs, growing at most GROWTH-fold when a window holds too few, and never
 * so wide that it would read more than MAX_READ_PER_WANTED documents per journey wanted.
 */
export async function scanWindows<J extends Identified>(scan: WindowScan<J>): Promise<ScanResult<J>> {
  const { space, afterId, wanted } = scan;
  const afterContainer = afterId?.split('/')[0];
  let from = afterContainer ?? '';
  let position = afterContainer === undefined ? 0 : space.position(afterContainer);
  // Each owner's numbers start again from this width, and are sized by what was met in that owner's alone:
  // how densely a filter matches differs from owner to owner (shippers and corridors have fleets of their
  // own), and a width grown through one owner's empty numbers would read all of the next owner's at once.
  const restart = nextWidth(wanted, 0, scan.density, scan.density === undefined ? FIRST_WIDTH : Infinity);
  let width = restart;
  const journeys: J[] = [];
  let read = 0;
  let owner = { covered: 0, read: 0, accepted: 0 };
  let densest: Density | undefined;
  const ownerDensity = (): Density | undefined =>
    owner.read === 0
      ? undefined
      : {
          perMatch: owner.accepted === 0 ? Infinity : owner.covered / owner.accepted,
          perRead: owner.covered / owner.read,
        };
  const keepDensest = () => {
    const seen = ownerDensity();
    if (seen !== undefined && seen.perMatch !== Infinity) {
      densest = {
        perMatch: Math.min(seen.perMatch, densest?.perMatch ?? Infinity),
        perRead: Math.min(seen.perRead, densest?.perRead ?? Infinity),
      };
    }
  };
  for (;;) {
    const ownerEnd = space.ownerEnd(position);
    // A window sized by a density met (in this owner's numbers, or remembered for the first window of an owner)
    // goes on into the next owners' numbers: a page that crosses an owner's end takes one query, not two. One
    // grown through empty numbers stops at the owner's end.
    const informed = owner.accepted > 0 || (owner.covered === 0 && scan.density !== undefined);
    const end = informed ? position + width : Math.min(position + width, ownerEnd);
    const to = space.bound(end);
    const found = await scan.read(to === undefined ? { $gte: from } : { $gte: from, $lt: to });
    const accepted = found.filter((j) => (afterId === undefined || j.journeyId > afterId) && scan.accept(j));
    journeys.push(...accepted.sort(byId));
    read += found.length;
    owner = {
      covered: owner.covered + Math.max(0, Math.min(end, space.end) - position),
      read: owner.read + found.length,
      accepted: owner.accepted + accepted.length,
    };
    if (journeys.length >= wanted || to === undefined) {
      break;
    }
    width = nextWidth(wanted, journeys.length, ownerDensity(), width * GROWTH);
    if (end >= ownerEnd) {
      keepDensest();
      owner = { covered: 0, read: 0, accepted: 0 };
      width = Math.min(width, restart);
    }
    from = to;
    position = end;
  }
  keepDensest();
  return { journeys: journeys.slice(0, wanted), density: densest, read };
}

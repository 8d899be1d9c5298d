import fc from 'fast-check';
import type { Journey } from '@mmt/contracts';
import { ContainerSpace, SERIALS_PER_OWNER } from './container-space';
import { scanWindows, type ContainerRange } from './window-scan';

const journey = (containerNo: string, doc = 'WAYBILL:W1') =>
  ({ journeyId: `${containerNo}/${doc}`, containerNo }) as unknown as Journey;

/** A fake store: the journeys in a container-number range, counting what each read returns. */
function fakeStore(journeys: readonly Journey[]) {
  const reads: number[] = [];
  const read = (range: ContainerRange) => {
    const found = journeys.filter(
      (j) => j.containerNo >= range.$gte && (range.$lt === undefined || j.containerNo < range.$lt),
    );
    reads.push(found.length);
    return Promise.resolve(found);
  };
  return { read, reads };
}

async function allPages(space: ContainerSpace, journeys: readonly Journey[], size: number, perMatch: number) {
  const { read } = fakeStore(journeys);
  const seen: string[] = [];
  let afterId: string | undefined;
  for (;;) {
    const density = { perMatch, perRead: perMatch };
    const { journeys: page } = await scanWindows({
      space,
      afterId,
      wanted: size + 1,
      density,
      read,
      accept: () => true,
    });
    seen.push(...page.slice(0, size).map((j) => j.journeyId));
    if (page.length <= size) {
      return seen;
    }
    afterId = page[size - 1].journeyId;
  }
}

describe(ContainerSpace.name, () => {
  const space = new ContainerSpace(['CRSU', 'MSKU']);

  it('places container numbers owner after owner, a gap at the next owner start', () => {
    expect(space.position('CRSU0000001')).toBe(1);
    expect(space.position('MSKU1234565')).toBe(SERIALS_PER_OWNER + 1234565);
    expect(space.position('AAAU0000001')).toBe(0);
    expect(space.position('DDDU0000001')).toBe(SERIALS_PER_OWNER);
    expect(space.position('ZZZU0000001')).toBe(2 * SERIALS_PER_OWNER);
  });

  it('maps positions back to $gte bounds, from the very first string to no bound at the end', () => {
    expect(space.bound(0)).toBe('');
    expect(space.bound(1234565)).toBe('CRSU1234565');
    expect(space.bound(SERIALS_PER_OWNER)).toBe('MSKU0000000');
    expect(space.bound(2 * SERIALS_PER_OWNER)).toBeUndefined();
    expect(new ContainerSpace([]).bound(1)).toBeUndefined();
  });
});

describe(scanWindows.name, () => {
  const owner = fc.constantFrom('CRSU', 'CSNU', 'MSKU', 'OOLU', 'TGHU', 'AAAU', 'ZZZU');
  const containerNo = fc
    .tuple(owner, fc.integer({ min: 0, max: SERIALS_PER_OWNER - 1 }))
    .map(([o, serial]) => `${o}${String(serial).padStart(7, '0')}`);
  const journeys = fc
    .uniqueArray(fc.tuple(containerNo, fc.constantFrom('WAYBILL:W1', 'MANIFEST:M2')), {
      maxLength: 120,
      selector: ([c, d]) => `${c}/${d}`,
    })
    .map((list) => list.map(([c, d]) => journey(c, d)));

  it('pages through every journey once, in id order, whatever the directory knows', async () => {
    await fc.assert(
      fc.asyncProperty(
        journeys,
        fc.subarray(['CRSU', 'CSNU', 'MSKU', 'OOLU', 'TGHU']),
        fc.integer({ min: 1, max: 25 }),
        fc.integer({ min: 1, max: SERIALS_PER_OWNER }),
        async (list, owners, size, perMatch) => {
          const expected = list.map((j) => j.journeyId).sort();
          expect(await allPages(new ContainerSpace(owners), list, size, perMatch)).toEqual(expected);
        },
      ),
    );
  });

  it('steps through what the unindexed conditions reject in windows of bounded size', async () => {
    const owners = ['CRSU', 'MSKU'];
    const list = owners.flatMap((o) =>
      Array.from({ length: 3000 }, (_, i) => journey(`${o}${String(i * 3000).padStart(7, '0')}`)),
    );
    const { read, reads } = fakeStore(list);
    const scan = await scanWindows({
      space: new ContainerSpace(owners),
      wanted: 21,
      read,
      accept: (j) => j.containerNo.startsWith('MSKU'),
    });
    expect(scan.journeys.map((j) => j.containerNo)).toEqual(list.slice(3000, 3021).map((j) => j.containerNo));
    expect(Math.max(...reads)).toBeLessThanOrEqual(2 * 4 * 21);
  });

  it("starts each owner's numbers with a narrow window again, whatever the empty owner before grew it to", async () => {
    const list = Array.from({ length: 3000 }, (_, i) => journey(`MSKU${String(i * 3000).padStart(7, '0')}`));
    const { read, reads } = fakeStore(list);
    const scan = await scanWindows({
      space: new ContainerSpace(['CRSU', 'MSKU']),
      wanted: 21,
      read,
      accept: () => true,
    });
    expect(scan.journeys).toHaveLength(21);
    expect(reads.slice(0, -2).every((r) => r === 0)).toBe(true);
    expect(Math.max(...reads)).toBeLessThanOrEqual(21);
  });

  /** 2,000 journeys an owner, 5,000 serial numbers apart; a first page of them read, and pages after it at its density. */
  async function afterFirstPage(owners: readonly string[]) {
    const list = owners.flatMap((o) =>
      Array.from({ length: 2000 }, (_, i) => journey(`${o}${String(i * 5000).padStart(7, '0')}`)),
    );
    const { read, reads } = fakeStore(list);
    const space = new ContainerSpace(owners);
    const first = await scanWindows({ space, wanted: 21, read, accept: () => true });
    reads.length = 0;
    const pageAfter = (afterId: string) =>
      scanWindows({ space, afterId, wanted: 21, density: first.density, read, accept: () => true });
    return { list, first, reads, pageAfter };
  }

  it('reads windows near the page size once the density is known, not the whole collection', async () => {
    const { list, first, reads, pageAfter } = await afterFirstPage(['CRSU', 'CSNU', 'MSKU']);
    expect(first.journeys).toHaveLength(21);
    const next = await pageAfter(list[3000].journeyId);
    expect(next.journeys.map((j) => j.journeyId)).toEqual(list.slice(3001, 3022).map((j) => j.journeyId));
    expect(reads.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(2 * 21);
  });

  it("reads a page that crosses an owner's end in one query once the density is known", async () => {
    const { list, reads, pageAfter } = await afterFirstPage(['CRSU', 'MSKU']);
    // Five journeys left of CRSU's numbers: the page takes sixteen of MSKU's.
    const next = await pageAfter(list[1994].journeyId);
    expect(next.journeys.map((j) => j.journeyId)).toEqual(list.slice(1995, 2016).map((j) => j.journeyId));
    expect(reads).toHaveLength(1);
  });
});

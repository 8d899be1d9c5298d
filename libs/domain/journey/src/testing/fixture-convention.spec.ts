import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const ROOT = join(__dirname, '../../../../..');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.name === 'node_modules'
      ? []
      : entry.isDirectory()
        ? files(join(dir, entry.name))
        : [relative(ROOT, join(dir, entry.name))],
  );
}

/**
 * One convention for test fixtures: a library's live in its `src/testing/` folder, named `<subject>.factory.ts`
 * (builders) or `<subject>.arbitrary.ts` (fast-check generators); the e2e harness lives in `test/support/`.
 */
describe('test fixtures', () => {
  const all = ['apps', 'libs', 'test', 'tools'].flatMap((dir) => files(join(ROOT, dir)));

  it('are not kept under another name (test-fixtures.ts, fixtures/ and the like)', () => {
    expect(all.filter((path) => /fixture/i.test(path) && !path.endsWith('fixture-convention.spec.ts'))).toEqual([]);
  });

  it("sit in a library's testing/ folder", () => {
    const misplaced = all.filter(
      (path) =>
        /\.(factory|arbitrary)\.ts$/.test(path) &&
        !/^(libs\/[^/]+|tools)\/[^/]+\/src\/testing\//.test(path.split(sep).join('/')),
    );
    expect(misplaced).toEqual([]);
  });
});

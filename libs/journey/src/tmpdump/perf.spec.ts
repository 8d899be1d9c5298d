import fc from 'fast-check';
import { foldJourneys } from '../fold-journeys';
import { containerHistoryArbitrary } from '../testing/container-history.arbitrary';
it('perf', () => {
  const samples = fc.sample(containerHistoryArbitrary, { numRuns: 1000, seed: 1 });
  let t = Date.now();
  const sizes = samples.map((s) => s.length);
  process.stdout.write(`gen ok avg ${sizes.reduce((a, b) => a + b, 0) / sizes.length}\n`);
  t = Date.now();
  const results = samples.map((s) => foldJourneys(s));
  process.stdout.write(`fold ${Date.now() - t}ms\n`);
  t = Date.now();
  results.forEach((r) => expect(r).toStrictEqual(r.map((j) => ({ ...j }))));
  process.stdout.write(`eq ${Date.now() - t}ms\n`);
  const statuses = new Map<string, number>();
  results.flat().forEach((j) => statuses.set(j.status, (statuses.get(j.status) ?? 0) + 1));
  process.stdout.write(JSON.stringify([...statuses]) + ' journeys/sample ' + results.flat().length / 1000 + '\n');
  process.stdout.write(
    JSON.stringify([...new Set(results.flat().map((j) => j.customs))]) +
      JSON.stringify(results.flat().filter((j) => j.holds.length).length) +
      '\n',
  );
  t = Date.now();
  fc.sample(containerHistoryArbitrary, { numRuns: 1000, seed: 2 });
  process.stdout.write(`gen ${Date.now() - t}ms\n`);
});

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '../../../../..');
/** Where topic payloads may be read from bytes: the platform topics' parsers here, the raw topics' in normalize. */
const PARSERS = [/^libs\/domain\/contracts\/src\/wire\//, /^libs\/domain\/normalize\/src\/parse-raw-message\.ts$/];
/** What marks a file as one that handles Kafka messages or defines a reader of them. */
const READS_MESSAGES = /from 'kafkajs'|KafkaMessage|message\.value|Checked</;

/** A message value written as JSON by hand rather than by the topic's contract (`encodePayload`). */
const HAND_ENCODED = /value:\s*(Buffer\.from\()?JSON\.stringify\(/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      return entry.name === 'node_modules' || entry.name === 'testing' ? [] : sources(path);
    }
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('one contract per topic', () => {
  const platformSources = () =>
    ['apps', 'libs', 'tools/simulator']
      .flatMap((dir) => sources(join(ROOT, dir)))
      .map((path) => ({ path: relative(ROOT, path), text: readFileSync(path, 'utf8') }));

  it("names a journey change once: the projector's (what appliers read of an update is AppliedJourneyUpdate)", () => {
    const declared = platformSources().filter(({ text }) => /^(export )?(interface|type) JourneyChange\b/m.test(text));
    expect(declared.map(({ path }) => path)).toEqual(['apps/projector/src/project-batch.ts']);
  });

  it('writes message values only with encodePayload (the typed send)', () => {
    expect(
      platformSources()
        .filter(({ text }) => HAND_ENCODED.test(text))
        .map(({ path }) => path),
    ).toEqual([]);
  });

  it('reads message bytes as JSON only in the topic parsers (libs/domain/contracts/src/wire, raw: libs/domain/normalize)', () => {
    const readers = platformSources()
      .filter(({ text }) => READS_MESSAGES.test(text) && text.includes('JSON.parse('))
      .map(({ path }) => path)
      .filter((path) => !PARSERS.some((allowed) => allowed.test(path)));
    expect(readers).toEqual([]);
  });
});

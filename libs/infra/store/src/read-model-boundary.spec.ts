import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Journey } from '@mmt/contracts';

const ROOT = join(__dirname, '../../../..');
/** Where code lives that must read journeys through libs/infra/store's repositories, never by their stored layout. */
const CHECKED = ['apps', 'libs', 'scripts', 'tools'];
/**
 * libs/infra/store owns the layout. test/ is left out: its suites check the stored layout itself (index names,
 * documents as the projector writes them) as ground truth.
 */
const OWNER = 'libs/infra/store/';

/** The journey's fields that hold nested values: a dotted path into one of them names the stored layout. */
const NESTED_FIELDS: readonly (keyof Journey)[] = [
  'origin',
  'destination',
  'documents',
  'documentStatuses',
  'parties',
  'currentPlace',
  'legs',
  'milestones',
  'dwell',
  'customs',
];
const ALL_FIELDS: readonly (keyof Journey)[] = [...NESTED_FIELDS, 'containerNo', 'corridor', 'status', 'orgIds'];

/** Ways a file can name the `journeys` collection's layout, each with what it catches. */
const LAYOUT_NAMES: readonly { readonly what: string; readonly pattern: RegExp }[] = [
  {
    what: "the journeys collection (collection('journeys'))",
    pattern: /\.collection\s*(<[^>]*>)?\(\s*['"`]journeys['"`]/,
  },
  { what: 'the derived fields (derived, derived.listKeys, …)', pattern: /['"`]derived(\.\w+)?['"`]|\.derived\.\w+/ },
  {
    what: 'a dotted path into a journey field',
    pattern: new RegExp(`['"\`]\\$?(${NESTED_FIELDS.join('|')})(\\.\\w+)+['"\`]`),
  },
  {
    what: 'a journey field as an aggregation operand',
    pattern: new RegExp(`['"\`]\\$(${ALL_FIELDS.join('|')})['"\`]`),
  },
  { what: 'the list keys or the stored projection', pattern: /\b(listKey|JOURNEY_PROJECTION)\b/ },
];

/**
 * Files that still name the layout and are being moved behind the store's repositories by their owners (issue
 * 28): each must leave this list, and the list must end empty.
 */
const NOT_YET_MOVED: readonly string[] = [
  // Seeds and samples the collections directly, to measure the read paths against raw baselines.
  'tools/bench/queries.ts',
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      return ['node_modules', 'dist', '.local'].includes(entry.name) ? [] : sourceFiles(path);
    }
    return /\.(ts|tsx)$/.test(entry.name) ? [path] : [];
  });
}

function layoutNamesIn(text: string): string[] {
  return LAYOUT_NAMES.filter(({ pattern }) => pattern.test(text)).map(({ what }) => what);
}

describe('the journey read model', () => {
  it('is named only inside libs/infra/store: no other file names a journey collection field', () => {
    const offenders = CHECKED.flatMap((dir) => sourceFiles(join(ROOT, dir)))
      .map((path) => relative(ROOT, path))
      .filter((path) => !path.startsWith(OWNER) && !NOT_YET_MOVED.includes(path))
      .map((path) => ({ path, names: layoutNamesIn(readFileSync(join(ROOT, path), 'utf8')) }))
      .filter(({ names }) => names.length > 0);
    expect(offenders).toEqual([]);
  });

  it('lists as not yet moved only files that still name the layout, so that the list shrinks to empty', () => {
    const moved = NOT_YET_MOVED.filter((path) => layoutNamesIn(readFileSync(join(ROOT, path), 'utf8')).length === 0);
    expect(moved).toEqual([]);
  });

  it('recognises each way of naming the layout', () => {
    const named = [
      "store.collection('journeys')",
      "db.collection<JourneyDocument>('journeys')",
      "{ 'derived.listKeys': key }",
      'journeyDocument(j).derived.conveyanceKeys',
      "find({ 'documents.ref': ref })",
      "{ locode: '$currentPlace.locode' }",
      "{ status: '$status' }",
      'listKey.org(orgId)',
      '{ projection: JOURNEY_PROJECTION }',
    ];
    expect(named.filter((text) => layoutNamesIn(text).length === 0)).toEqual([]);
    const notNamed = [
      "@Query('journeys')",
      "signCursor('journeys', parts)",
      "{ 'journey.containerNo': 1 }",
      'j.status',
      "'origin.locode: CNCKG is not a location'",
    ];
    expect(notNamed.filter((text) => layoutNamesIn(text).length > 0)).toEqual([]);
  });
});

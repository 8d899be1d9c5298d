/**
 * The partner-facing JSON schemas in libs/domain/contracts/schemas must agree with the validator: their examples are
 * accepted, what they call required is required, and what they call optional is optional.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TOPICS } from '@mmt/contracts';
import type { RawTopic } from '@mmt/contracts';
import { parseRawMessage, RAW_KIND_BY_TOPIC } from './parse-raw-message';
import { isJsonObject, type JsonObject } from './validate-common';

const SCHEMA_DIR = join(__dirname, '..', '..', 'contracts', 'schemas');

const SCHEMAS: readonly { file: string; topic: RawTopic }[] = [
  { file: 'raw-in-transit.v1.schema.json', topic: TOPICS.rawInTransit },
  { file: 'raw-in-transit.v2.schema.json', topic: TOPICS.rawInTransit },
  { file: 'raw-manifest.v1.schema.json', topic: TOPICS.rawManifest },
  { file: 'raw-waybill.v1.schema.json', topic: TOPICS.rawWaybill },
  { file: 'raw-loading.v1.schema.json', topic: TOPICS.rawLoading },
  { file: 'raw-loading.v2.schema.json', topic: TOPICS.rawLoading },
  { file: 'raw-schedule.v1.schema.json', topic: TOPICS.rawSchedule },
];

function loadSchema(file: string): JsonObject {
  const parsed: unknown = JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8'));
  if (!isJsonObject(parsed)) {
    throw new Error(`${file} is not a JSON object`);
  }
  return parsed;
}

function objectAt(node: JsonObject, key: string): JsonObject {
  const value = node[key];
  return isJsonObject(value) ? value : {};
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function examplesOf(schema: JsonObject): JsonObject[] {
  const examples = schema['examples'];
  return Array.isArray(examples) ? examples.filter(isJsonObject) : [];
}

/** Follows a local `#/$defs/name` reference. */
function resolve(root: JsonObject, node: JsonObject): JsonObject {
  const ref = node['$ref'];
  if (typeof ref !== 'string') {
    return node;
  }
  const name = ref.replace('#/$defs/', '');
  return resolve(root, objectAt(objectAt(root, '$defs'), name));
}

/** The oneOf branch whose `const` properties all match the value. */
function branchFor(root: JsonObject, node: JsonObject, value: JsonObject): JsonObject {
  const branches = node['oneOf'];
  if (!Array.isArray(branches)) {
    return node;
  }
  const match = branches
    .filter(isJsonObject)
    .map((b) => resolve(root, b))
    .find((b) =>
      Object.entries(objectAt(b, 'properties')).every(
        ([k, p]) => !isJsonObject(p) || !('const' in p) || p['const'] === value[k],
      ),
    );
  return match ?? node;
}

type Path = readonly (string | number)[];
interface Walked {
  required: Path[];
  undocumented: Path[];
}

/** Every required property the example reaches, and every example field the schema does not document. */
function walk(root: JsonObject, schemaNode: JsonObject, value: unknown, path: Path, out: Walked): Walked {
  const node = resolve(root, schemaNode);
  if (Array.isArray(value)) {
    const items = node['items'];
    if (isJsonObject(items)) {
      value.forEach((item, i) => walk(root, items, item, [...path, i], out));
    }
    return out;
  }
  if (!isJsonObject(value)) {
    return out;
  }
  const branch = branchFor(root, node, value);
  const properties = objectAt(branch, 'properties');
  for (const key of strings(branch['required'])) {
    out.required.push([...path, key]);
  }
  for (const [key, child] of Object.entries(value)) {
    const childSchema = properties[key];
    if (isJsonObject(childSchema)) {
      walk(root, childSchema, child, [...path, key], out);
    } else {
      out.undocumented.push([...path, key]);
    }
  }
  return out;
}

function label(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function without(example: JsonObject, path: Path): unknown {
  const copy: unknown = structuredClone(example);
  let node: unknown = copy;
  for (const step of path.slice(0, -1)) {
    node = Array.isArray(node) ? node[Number(step)] : isJsonObject(node) ? node[String(step)] : undefined;
  }
  if (isJsonObject(node)) {
    delete (node as Record<string, unknown>)[String(path[path.length - 1])];
  }
  return copy;
}

function errorsFor(topic: RawTopic, value: unknown): string[] {
  const result = parseRawMessage(topic, Buffer.from(JSON.stringify(value), 'utf8'));
  return result.ok ? [] : result.errors;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe(parseRawMessage.name, () => {
  describe.each(SCHEMAS)('against $file', ({ file, topic }) => {
    const schema = loadSchema(file);
    const examples = examplesOf(schema);

    it('is a draft 2020-12 schema for the kind its topic carries, with a description and examples', () => {
      expect(schema['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(typeof schema['description']).toBe('string');
      expect(objectAt(objectAt(schema, 'properties'), 'kind')['const']).toBe(RAW_KIND_BY_TOPIC[topic]);
      expect(examples.length).toBeGreaterThan(0);
    });

    it('documents every top-level property', () => {
      for (const [key, property] of Object.entries(objectAt(schema, 'properties'))) {
        const own = isJsonObject(property) ? property['description'] : undefined;
        const referenced = isJsonObject(property) ? resolve(schema, property)['description'] : undefined;
        expect([key, typeof (own ?? referenced)]).toEqual([key, 'string']);
      }
    });

    it.each(examples.map((example, i) => [i, example] as const))('accepts example %i', (_i, example) => {
      expect(errorsFor(topic, example)).toEqual([]);
      expect(walk(schema, schema, example, [], { required: [], undocumented: [] }).undocumented).toEqual([]);
    });

    it.each(examples.map((example, i) => [i, example] as const))(
      'requires every property the schema calls required (example %i)',
      (_i, example) => {
        const { required } = walk(schema, schema, example, [], { required: [], undocumented: [] });
        expect(required.length).toBeGreaterThan(5);
        for (const path of required) {
          const errors = errorsFor(topic, without(example, path));
          expect([label(path), errors]).toEqual([
            label(path),
            expect.arrayContaining([expect.stringMatching(new RegExp(`^${escapeRegExp(label(path))}: required`))]),
          ]);
        }
      },
    );

    it.each(examples.map((example, i) => [i, example] as const))(
      'does not require a top-level property the schema calls optional (example %i)',
      (_i, example) => {
        const required = new Set(strings(schema['required']));
        const conditional = new Set([
          ...(Array.isArray(schema['anyOf'])
            ? schema['anyOf'].filter(isJsonObject).flatMap((s) => strings(s['required']))
            : []),
          ...strings(objectAt(schema, 'then')['required']),
          ...(Array.isArray(schema['allOf'])
            ? schema['allOf'].filter(isJsonObject).flatMap((s) => strings(objectAt(s, 'then')['required']))
            : []),
        ]);
        for (const key of Object.keys(example).filter((k) => !required.has(k) && !conditional.has(k))) {
          expect([key, errorsFor(topic, without(example, [key]))]).toEqual([key, []]);
        }
      },
    );
  });
});

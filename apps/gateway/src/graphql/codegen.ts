/**
 * `npm run codegen`: writes schema-types.ts, the TypeScript types of schema.graphql (@graphql-codegen's typescript
 * plugin), for the resolvers and the web app. schema-types.spec.ts fails while the committed file is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { codegen } from '@graphql-codegen/core';
import * as typescriptPlugin from '@graphql-codegen/typescript';
import { buildSchema, parse, printSchema } from 'graphql';
import { format, resolveConfig } from 'prettier';
import { SCHEMA_FILE } from './schema-file';

export const SCHEMA_TYPES_FILE = join(__dirname, 'schema-types.ts');

const HEADER = '// Generated from schema.graphql by `npm run codegen`: do not edit.\n';

/** The custom scalars travel as strings; the scalars in scalars.ts check them. */
const SCALAR_TYPES = { ContainerNumber: 'string', Locode: 'string', DateTime: 'string' };

/** The text schema-types.ts should hold for the schema as it is now, formatted as the project formats code. */
export async function schemaTypes(): Promise<string> {
  const schema = buildSchema(readFileSync(SCHEMA_FILE, 'utf8'));
  const generated = await codegen({
    filename: SCHEMA_TYPES_FILE,
    schema: parse(printSchema(schema)),
    schemaAst: schema,
    documents: [],
    plugins: [{ typescript: {} }],
    pluginMap: { typescript: typescriptPlugin },
    config: {
      // Unions of strings, not TypeScript enums: types only, so the web app's bundle gets nothing from it.
      enumsAsTypes: true,
      scalars: SCALAR_TYPES,
      strictScalars: true,
      // Answers as they are served: an optional field is there and null, never left out.
      avoidOptionals: { field: true },
      useTypeImports: true,
    },
  });
  const options = (await resolveConfig(SCHEMA_TYPES_FILE)) ?? {};
  return format(HEADER + generated, { ...options, filepath: SCHEMA_TYPES_FILE });
}

/** `--print` writes the text to stdout instead of the file (the spec compares it in a process of its own). */
if (require.main === module) {
  schemaTypes().then(
    (text) => {
      if (process.argv.includes('--print')) {
        process.stdout.write(text);
        return;
      }
      writeFileSync(SCHEMA_TYPES_FILE, text);
      console.log(`codegen: wrote ${SCHEMA_TYPES_FILE}`);
    },
    (error: unknown) => {
      console.error(`codegen failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}

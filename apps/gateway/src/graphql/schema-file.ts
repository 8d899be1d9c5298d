import { join } from 'node:path';

/** The schema, the one source of the GraphQL API (served as it is; schema-types.ts is generated from it). */
export const SCHEMA_FILE = join(__dirname, '..', 'schema.graphql');

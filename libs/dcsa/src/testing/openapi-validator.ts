import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

/** The partner API's committed OpenAPI document. */
export const OPENAPI_PATH = join(__dirname, '../../../../apps/gateway/src/partners/tnt-v2.2.openapi.yaml');

export interface OpenApiDocument {
  paths: Record<string, Record<string, { responses: Record<string, unknown>; parameters?: unknown[] }>>;
  components: { schemas: Record<string, unknown> };
}

export function openApiDocument(): OpenApiDocument {
  return parse(readFileSync(OPENAPI_PATH, 'utf8')) as OpenApiDocument;
}

/**
 * Validators for the document's schemas (`#/components/schemas/<name>`), with the references between them
 * resolved. OpenAPI 3.0's `example` and `format: byte` are known to it; unknown formats fail.
 */
export function schemaValidator(document: OpenApiDocument = openApiDocument()): (name: string) => ValidateFunction {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addSchema({ components: document.components }, 'openapi');
  return (name) => {
    const validate = ajv.getSchema(`openapi#/components/schemas/${name}`);
    if (validate === undefined) {
      throw new Error(`no schema ${name} in the OpenAPI document`);
    }
    return validate;
  };
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

/** The partner API's committed OpenAPI document. */
export const OPENAPI_PATH = join(__dirname, '../../../../../apps/gateway/src/partners/tnt-v2.2.openapi.yaml');

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

interface ResponseObject {
  $ref?: string;
  content?: Record<string, { schema?: unknown }>;
}

/** The path template of a document that a request path (no query) matches, e.g. `/v2/events/{eventID}`. */
export function pathTemplate(templates: readonly string[], path: string): string | undefined {
  return templates.find((template) =>
    new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path.replace(/\/+$/, '') || '/'),
  );
}

/**
 * Validators of whole responses of the committed document: the body of `<method> <path>` with a status, by the
 * response the document gives that status (following `#/components/responses/...`).
 */
export class CommittedResponses {
  private readonly ajv = new Ajv({ allErrors: true, strict: false });
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly document: OpenApiDocument = openApiDocument()) {
    addFormats(this.ajv);
    this.ajv.addSchema({ ...document, $id: 'committed' });
  }

  get paths(): string[] {
    return Object.keys(this.document.paths);
  }

  /** Whether the operation documents this status. */
  /** The key of the operation's response for this status (`404`, or a range such as `5XX`), if it documents one. */
  responseKey(method: string, template: string, status: number): string | undefined {
    const responses = this.document.paths[template]?.[method.toLowerCase()]?.responses ?? {};
    return [String(status), `${String(status)[0]}XX`].find((key) => key in responses);
  }

  /** Whether the operation documents this status. */
  documents(method: string, template: string, status: number): boolean {
    return this.responseKey(method, template, status) !== undefined;
  }

  /** The body's validator, or undefined for a response without a JSON body (204) or an undocumented one. */
  responseValidator(method: string, template: string, status: number): ValidateFunction | undefined {
    const key = this.responseKey(method, template, status) ?? String(status);
    let location = ['paths', template, method.toLowerCase(), 'responses', key];
    let response = this.document.paths[template]?.[method.toLowerCase()]?.responses[key] as ResponseObject | undefined;
    if (response?.$ref !== undefined) {
      location = response.$ref.slice(2).split('/');
      response = location.reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], this.document) as
        ResponseObject | undefined;
    }
    if (response?.content?.['application/json']?.schema === undefined) {
      return undefined;
    }
    const segments = [...location, 'content', 'application/json', 'schema'];
    const ref = `committed#${segments.map((s) => `/${s.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('')}`;
    const compiled = this.compiled.get(ref) ?? this.ajv.compile({ $ref: ref });
    this.compiled.set(ref, compiled);
    return compiled;
  }
}

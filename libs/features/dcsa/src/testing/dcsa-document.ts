import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { fullFormats } from 'ajv-formats/dist/formats';
import { parse } from 'yaml';
import { DEVIATIONS, type Deviation } from './dcsa-deviations';

/**
 * DCSA's own Track & Trace 2.2 document (vendored in dcsa-tnt-2.2/, see its README), ready to validate the partner
 * API's responses. `TNT_v2.2.0.yaml` names most schemas by SwaggerHub URL; here each such URL is a schema of its own:
 * ERROR_DOMAIN 1.0.0 from DCSA's file, EVENT_DOMAIN 1.0.4's event schemas from DCSA's self-contained export of 2.2.0,
 * and the few other EVENT_DOMAIN 1.0.4 schemas as written below. The platform's known deviations are applied first.
 */
export const DCSA_DIR = join(__dirname, 'dcsa-tnt-2.2');
export const DCSA_TNT_FILE = join(DCSA_DIR, 'TNT_v2.2.0.yaml');

const SWAGGERHUB = 'https://api.swaggerhub.com/domains/dcsaorg';
const TNT_ID = 'https://dcsa.example/tnt/v2/TNT_v2.2.0.yaml';
const EXPORT_ID = 'https://dcsa.example/tnt/v2/tnt_v2.2.0.yaml';

/**
 * EVENT_DOMAIN 1.0.4, which is on SwaggerHub only. Its event schemas come from DCSA's export of the same 2.2.0; the
 * subscription parts the TNT document names are taken from EVENT_DOMAIN 1.0.3 where 1.0.4's release notes leave
 * them as they were (subscriptionID, callbackUrl, secret), and left open where 1.0.4 changed them (the shipment,
 * transport and equipment subscription bodies gained and deprecated filters): those are not checked.
 */
const EVENT_DOMAIN_1_0_4 = {
  $id: `${SWAGGERHUB}/EVENT_DOMAIN/1.0.4`,
  components: {
    schemas: {
      transportEvent: { $ref: `${EXPORT_ID}#/components/schemas/TransportEvent` },
      shipmentEvent: { $ref: `${EXPORT_ID}#/components/schemas/ShipmentEvent` },
      equipmentEvent: { $ref: `${EXPORT_ID}#/components/schemas/EquipmentEvent` },
      subscriptionID: { type: 'string', format: 'uuid' },
      callbackUrl: { type: 'string', format: 'uri' },
      secret: { type: 'string', format: 'byte' },
      shipmentSubscriptionBody: {},
      transportSubscriptionBody: {},
      equipmentSubscriptionBody: {},
    },
  },
};

const read = (file: string) => parse(readFileSync(join(DCSA_DIR, file), 'utf8')) as Record<string, unknown>;

interface Operation {
  responses: Record<string, { content?: Record<string, unknown> }>;
}

/** A validator per DCSA operation and status, built once; `deviations` are the ones to apply (all by default). */
export class DcsaDocument {
  private readonly ajv = new Ajv({ allErrors: true, strict: false });
  private readonly paths: Record<string, Record<string, Operation>>;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(deviations: readonly Deviation[] = DEVIATIONS) {
    addFormats(this.ajv);
    // ERROR_DOMAIN 1.0.0 writes `format: $date-time`; DCSA means date-time.
    this.ajv.addFormat('$date-time', fullFormats['date-time']);
    const tnt = read('TNT_v2.2.0.yaml');
    const exported = read('tnt_v2.2.0.resolved.yaml');
    deviations.forEach((deviation) => deviation.patch(exported));
    this.paths = tnt.paths as Record<string, Record<string, Operation>>;
    this.ajv.addSchema({ $id: TNT_ID, paths: tnt.paths, components: tnt.components });
    this.ajv.addSchema({ $id: EXPORT_ID, components: exported.components });
    this.ajv.addSchema({
      $id: `${SWAGGERHUB}/ERROR_DOMAIN/1.0.0`,
      components: read('error_domain_v1.0.0.yaml').components,
    });
    this.ajv.addSchema(EVENT_DOMAIN_1_0_4);
  }

  /** The operations DCSA defines, as `<method> <path template>`. */
  operations(): string[] {
    return Object.entries(this.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method} ${path}`));
  }

  /**
   * The validator of a response body of DCSA's operation `method path` (a path template of DCSA's) with this
   * status: the status's own response, else DCSA's `default`. Undefined when DCSA has no such operation, or the
   * response has no JSON body (204).
   */
  responseValidator(method: string, path: string, status: number): ValidateFunction | undefined {
    const operation = this.paths[path]?.[method.toLowerCase()];
    if (operation === undefined) {
      return undefined;
    }
    const key = String(status) in operation.responses ? String(status) : 'default';
    if (operation.responses[key]?.content?.['application/json'] === undefined) {
      return undefined;
    }
    const location = ['paths', path, method.toLowerCase(), 'responses', key, 'content', 'application/json', 'schema'];
    const ref = `${TNT_ID}#${location.map(escape).join('')}`;
    const compiled = this.compiled.get(ref) ?? this.ajv.compile({ $ref: ref });
    this.compiled.set(ref, compiled);
    return compiled;
  }

  /** A schema of DCSA's self-contained export (`TransportEvent`, `Error`, …), deviations applied. */
  exportSchema(name: string): ValidateFunction {
    return this.ajv.getSchema(`${EXPORT_ID}#/components/schemas/${name}`)!;
  }
}

/** A JSON pointer segment (RFC 6901), with a leading slash. */
const escape = (segment: string) => `/${segment.replace(/~/g, '~0').replace(/\//g, '~1')}`;

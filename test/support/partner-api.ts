import { TOPICS, type Journey, type JourneyUpdate, type TrackingEvent } from '@mmt/contracts';
import type { ValidateFunction } from 'ajv';
import { DCSA_API_VERSION, type DcsaEvent } from '@mmt/dcsa';
import { createProducer, sendPayloads } from '@mmt/kafka';
import { DcsaDocument } from '../../libs/features/dcsa/src/testing/dcsa-document';
import {
  CommittedResponses,
  pathTemplate,
  schemaValidator,
} from '../../libs/features/dcsa/src/testing/openapi-validator';
import type { TestPipeline } from './pipeline';

export interface RestResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/**
 * One call of the partner REST API with an API key, the body parsed as JSON when there is one; `raw` sends a body
 * as it is (malformed JSON, say). Throws when the response does not conform (see conformanceProblems).
 */
export async function rest<T = unknown>(
  base: string,
  method: string,
  path: string,
  apiKey: string | undefined,
  body?: unknown,
  { raw, headers = {} }: { raw?: string; headers?: Record<string, string> } = {},
): Promise<RestResponse<T>> {
  const sent = raw ?? (body === undefined ? undefined : JSON.stringify(body));
  const response = await fetch(new URL(path, base), {
    method,
    headers: {
      ...(apiKey === undefined ? {} : { 'x-api-key': apiKey }),
      ...(sent === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: sent,
  });
  const text = await response.text();
  const answer = {
    status: response.status,
    headers: response.headers,
    body: (text === '' ? undefined : JSON.parse(text)) as T,
  };
  const problems = conformanceProblems(method, new URL(path, base).pathname, answer);
  if (problems.length > 0) {
    throw new Error(
      `${method} ${path} answered ${answer.status}, not as documented:\n${problems.join('\n')}\n` +
        `body: ${text.slice(0, 600)}`,
    );
  }
  return answer;
}

const committed = new CommittedResponses();
const dcsa = new DcsaDocument();
const dcsaPaths = [...new Set(dcsa.operations().map((operation) => operation.split(' ')[1]))];

/**
 * What is wrong with a partner API response, by the platform's committed OpenAPI document and by DCSA's own
 * (libs/features/dcsa/src/testing/dcsa-document.ts): its API-Version header, a status the operation does not document, a
 * body that does not match. An error of a path neither document knows (an unknown route) must still be the DCSA
 * error body. Every response `rest` gets is checked, so every partner test checks conformance as it goes.
 */
export function conformanceProblems(method: string, path: string, response: RestResponse): string[] {
  const problems: string[] = [];
  const invalid = (where: string, validate: ValidateFunction | undefined) => {
    if (validate !== undefined && !validate(response.body)) {
      problems.push(
        `${where}: ${JSON.stringify(validate.errors, null, 1)}\n${JSON.stringify(response.body)?.slice(0, 2000)}`,
      );
    }
  };
  if (!path.startsWith('/v2/')) {
    return problems;
  }
  if (response.headers.get('API-Version') !== DCSA_API_VERSION) {
    problems.push(`API-Version header: ${response.headers.get('API-Version')}, not ${DCSA_API_VERSION}`);
  }
  const own = pathTemplate(committed.paths, path);
  if (own !== undefined && committed.documents(method, own, response.status)) {
    invalid('committed document', committed.responseValidator(method, own, response.status));
  } else if (own !== undefined && response.status !== 404) {
    problems.push(`committed document: ${method} ${own} does not document status ${response.status}`);
  } else if (response.status >= 400) {
    invalid('committed document (error)', schemas('error'));
  }
  const standard = pathTemplate(dcsaPaths, path);
  const known = standard !== undefined && dcsa.operations().includes(`${method.toLowerCase()} ${standard}`);
  invalid(
    "DCSA's document",
    known
      ? dcsa.responseValidator(method, standard, response.status)
      : response.status >= 400
        ? dcsa.responseValidator('GET', '/v2/events', response.status)
        : undefined,
  );
  return problems;
}

/** The gateway's base URL from its GraphQL URL. */
export const baseOf = (graphqlUrl: string) => graphqlUrl.replace(/graphql$/, '');

const schemas = schemaValidator();

/** Throws with every difference when `value` does not match the OpenAPI document's schema `name`. */
export function expectSchema(name: string, value: unknown): void {
  const validate = schemas(name);
  if (!validate(value)) {
    throw new Error(
      `not a valid ${name}: ${JSON.stringify(validate.errors, null, 1)}\n${JSON.stringify(value).slice(0, 2000)}`,
    );
  }
}

/**
 * Journey updates as the projector publishes them: each journey's events, oldest version first, split into
 * `parts` updates in a row (the journey as it ends, its parties known from the start).
 */
export function journeyUpdates(
  journeys: readonly Journey[],
  events: readonly TrackingEvent[],
  parts: number,
  publishedAt: string,
): JourneyUpdate[] {
  const byId = new Map(events.map((e) => [e.eventId, e]));
  return journeys.flatMap((journey) => {
    const own = journey.eventIds
      .map((id) => byId.get(id)!)
      .sort((a, b) => Date.parse(a.eventCreatedDateTime) - Date.parse(b.eventCreatedDateTime));
    const size = Math.ceil(own.length / parts);
    return Array.from({ length: parts }, (_, i) => own.slice(i * size, (i + 1) * size))
      .filter((chunk) => chunk.length > 0)
      .map((chunk) => ({ journey, causedBy: chunk.map((e) => e.eventId), events: chunk, publishedAt }));
  });
}

/** Sends journey updates to the pipeline's journey-update topic, keyed by container, in order. */
export async function publishUpdates(pipeline: TestPipeline, updates: readonly JourneyUpdate[]): Promise<void> {
  const producer = createProducer(pipeline.kafka);
  await producer.connect();
  const keyed = updates.map((u) => ({ key: u.journey.containerNo, payload: u }));
  await sendPayloads(producer, pipeline.topics, TOPICS.journeyUpdates, keyed);
  await producer.disconnect();
}

/** Where a DCSA event happened: an equipment event's location, a transport event's call; none for shipment events. */
export const placeOf = (event: DcsaEvent) =>
  event.eventType === 'EQUIPMENT'
    ? event.eventLocation?.UNLocationCode
    : event.eventType === 'TRANSPORT'
      ? event.transportCall.UNLocationCode
      : undefined;

/** The container a DCSA event is about: an equipment event's own reference, else its EQ reference. */
export const containerOf = (event: DcsaEvent) =>
  event.eventType === 'EQUIPMENT'
    ? event.equipmentReference
    : event.references!.find((r) => r.referenceType === 'EQ')!.referenceValue;

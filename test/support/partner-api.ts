import { TOPICS, type Journey, type JourneyUpdate, type TrackingEvent } from '@mmt/contracts';
import type { DcsaEvent } from '@mmt/dcsa';
import { createProducer } from '@mmt/kafka';
import { schemaValidator } from '../../libs/dcsa/src/testing/openapi-validator';
import type { TestPipeline } from './pipeline';

export interface RestResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** One call of the partner REST API with an API key, the body parsed as JSON when there is one. */
export async function rest<T = unknown>(
  base: string,
  method: string,
  path: string,
  apiKey: string | undefined,
  body?: unknown,
): Promise<RestResponse<T>> {
  const response = await fetch(new URL(path, base), {
    method,
    headers: {
      ...(apiKey === undefined ? {} : { 'x-api-key': apiKey }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text === '' ? undefined : JSON.parse(text)) as T,
  };
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
  const topic = pipeline.topics.name(TOPICS.journeyUpdates);
  for (let i = 0; i < updates.length; i += 200) {
    await producer.send({
      topic,
      messages: updates.slice(i, i + 200).map((u) => ({ key: u.journey.containerNo, value: JSON.stringify(u) })),
    });
  }
  await producer.disconnect();
}

/** Where a DCSA event happened: an equipment event's location, a transport event's call; none for shipment events. */
export const placeOf = (event: DcsaEvent) =>
  event.eventType === 'EQUIPMENT'
    ? event.eventLocation?.UNLocationCode
    : event.eventType === 'TRANSPORT'
      ? event.transportCall.UNLocationCode
      : undefined;

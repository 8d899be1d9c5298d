import { DcsaDocument } from './dcsa-document';
import { DEVIATIONS } from './dcsa-deviations';

describe("DCSA's own TNT 2.2 document", () => {
  const dcsa = new DcsaDocument();

  it('names the operations of DCSA 2.2, each with a response schema for its success and its errors', () => {
    expect(dcsa.operations().sort()).toEqual([
      'delete /v2/event-subscriptions/{subscriptionID}',
      'get /v2/event-subscriptions',
      'get /v2/event-subscriptions/{subscriptionID}',
      'get /v2/events',
      'get /v2/events/{eventID}',
      'post /v2/event-subscriptions',
      'put /v2/event-subscriptions/{subscriptionID}',
      'put /v2/event-subscriptions/{subscriptionID}/secret',
    ]);
    expect(dcsa.responseValidator('GET', '/v2/events', 200)).toBeDefined();
    expect(dcsa.responseValidator('GET', '/v2/events', 400)).toBeDefined();
    expect(dcsa.responseValidator('DELETE', '/v2/event-subscriptions/{subscriptionID}', 204)).toBeUndefined();
    expect(dcsa.responseValidator('POST', '/v2/event-subscriptions/{subscriptionID}/resume', 200)).toBeUndefined();
  });

  it('refuses what DCSA refuses: an error body without its fields, an event of an unknown type', () => {
    const errors = dcsa.responseValidator('GET', '/v2/events', 404)!;
    expect(errors({ statusCode: 404 })).toBe(false);
    const body = {
      httpMethod: 'GET',
      requestUri: '/v2/events/x',
      statusCode: 404,
      statusCodeText: 'Not Found',
      errorDateTime: '2026-03-01T08:00:00.123Z',
      errors: [{ reason: 'notFound', message: 'No event x' }],
    };
    expect(errors(body)).toBe(true);
    expect(errors({ ...body, statusCode: '404' })).toBe(false);
    const events = dcsa.responseValidator('GET', '/v2/events', 200)!;
    expect(events([{ ...(DEVIATIONS[0].sample.value as object), eventType: 'OPERATIONS' }])).toBe(false);
    expect(events([DEVIATIONS[0].sample.value])).toBe(true);
  });

  it.each(DEVIATIONS.map((d) => [d.id, d] as const))(
    'needs deviation %s: without it DCSA refuses what the platform sends',
    (_, deviation) => {
      const without = new DcsaDocument(DEVIATIONS.filter((other) => other !== deviation));
      expect(without.exportSchema(deviation.sample.schema)(deviation.sample.value)).toBe(false);
      expect(dcsa.exportSchema(deviation.sample.schema)(deviation.sample.value)).toBe(true);
    },
  );
});

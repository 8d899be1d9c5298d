import { encodeEventsCursor, parseEventsQuery, parseSubscriptionBody } from './requests';
import { generateSecret } from './notification-signature';

describe('GET /v2/events query', () => {
  it('reads list filters, single filters and date ranges with operators', () => {
    const parsed = parseEventsQuery({
      eventType: 'TRANSPORT,EQUIPMENT',
      equipmentReference: 'msku1234565',
      'eventCreatedDateTime:gte': '2026-03-01T00:00:00+08:00',
      'eventCreatedDateTime:lt': '2026-04-01T00:00:00Z',
      eventDateTime: '2026-03-05T10:00:00Z',
      limit: '20',
    });
    expect(parsed).toEqual({
      ok: true,
      value: expect.objectContaining({
        filter: { eventType: ['TRANSPORT', 'EQUIPMENT'], equipmentReference: ['MSKU1234565'] },
        // Feed positions, in microseconds: eventCreatedDateTime is when the platform published an event.
        eventCreatedDateTime: { gte: Date.UTC(2026, 1, 28, 16) * 1000, lt: Date.UTC(2026, 3, 1) * 1000 },
        eventDateTime: { gte: new Date('2026-03-05T10:00:00Z'), lte: new Date('2026-03-05T10:00:00Z') },
        limit: 20,
      }) as unknown,
    });
  });

  it('gives every reason a query is refused', () => {
    const parsed = parseEventsQuery({
      eventType: 'TRANSIT',
      colour: 'blue',
      'eventCreatedDateTime:after': '2026-03-01T00:00:00Z',
      eventDateTime: '2026-03-01',
      limit: '0',
      UNLocationCode: ['CNCQI', 'CNQZH'],
    });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.errors).toEqual([
      'limit: must be a whole number from 1 to 1000, not "0"',
      'eventType: "TRANSIT" is not one of SHIPMENT, TRANSPORT, EQUIPMENT',
      'colour: not a filter of this API (see /v2/openapi.yaml)',
      'eventCreatedDateTime:after: the operator must be one of :gte, :gt, :lte, :lt, :eq',
      'eventDateTime: "2026-03-01" is not an ISO 8601 date-time with an offset',
      'UNLocationCode: give it once',
    ]);
  });

  it('takes a cursor back with its filters and position, alone or with a limit', () => {
    const first = parseEventsQuery({ eventType: 'TRANSPORT', 'eventCreatedDateTime:gte': '2026-03-01T00:00:00Z' });
    expect(first.ok).toBe(true);
    const request = first.ok ? first.value.request : { filter: {} };
    const position = Date.UTC(2026, 2, 2) * 1000 + 7;
    const cursor = encodeEventsCursor(request, position);
    const next = parseEventsQuery({ cursor, limit: '5' });
    expect(next).toEqual({
      ok: true,
      value: expect.objectContaining({
        filter: { eventType: ['TRANSPORT'] },
        eventCreatedDateTime: { gte: Date.UTC(2026, 2, 1) * 1000 },
        after: position,
        limit: 5,
      }) as unknown,
    });
    expect(parseEventsQuery({ cursor, eventType: 'SHIPMENT' })).toEqual({
      ok: false,
      errors: ['cursor: carries the filters of its query; send it with limit only, not eventType'],
    });
    expect(parseEventsQuery({ cursor: 'garbage' })).toEqual({
      ok: false,
      errors: ['cursor: not a cursor this API gave (take it from a Next-Page header)'],
    });
  });
});

describe('subscription bodies', () => {
  it('reads the callback, list and single filters, and a secret on creation', () => {
    const secret = generateSecret();
    expect(
      parseSubscriptionBody(
        {
          callbackUrl: 'https://partner.example/hook?x=1',
          eventType: ['EQUIPMENT'],
          equipmentReference: 'msku1234565',
          secret,
        },
        'create',
      ),
    ).toEqual({
      ok: true,
      value: {
        callbackUrl: 'https://partner.example/hook?x=1',
        filter: { eventType: ['EQUIPMENT'], equipmentReference: ['MSKU1234565'] },
        secret,
      },
    });
  });

  it('refuses what it cannot use, saying why', () => {
    expect(
      parseSubscriptionBody({ callbackUrl: 'ftp://x', eventType: ['NOPE'], colour: 1, secret: 'abc' }, 'create'),
    ).toEqual({
      ok: false,
      errors: [
        'callbackUrl: must be an http(s) URL',
        'secret: must be Base64',
        'eventType: "NOPE" is not one of SHIPMENT, TRANSPORT, EQUIPMENT',
        'colour: not a subscription filter of this API (see /v2/openapi.yaml)',
      ],
    });
    expect(parseSubscriptionBody({ callbackUrl: 'http://x', secret: generateSecret() }, 'update')).toEqual({
      ok: false,
      errors: ['secret: change it with PUT /v2/event-subscriptions/{subscriptionID}/secret'],
    });
    expect(parseSubscriptionBody([], 'create')).toEqual({ ok: false, errors: ['body: must be a JSON object'] });
  });
});

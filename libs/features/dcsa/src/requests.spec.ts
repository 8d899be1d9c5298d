import { generateSecret } from './notification-signature';
import { eventsCursor, subscriptionsCursor } from './page-cursors';
import { feedQuery, parseEventsQuery, parseListQuery, parseSecretBody, parseSubscriptionBody } from './requests';
import { signCursor } from './signed-cursor';

const µs = (iso: string) => Date.parse(iso) * 1000;

describe('GET /v2/events query', () => {
  it('reads list filters, single filters and date ranges with operators, to the microsecond', () => {
    const parsed = parseEventsQuery({
      eventType: 'TRANSPORT,EQUIPMENT',
      equipmentReference: 'msku1234565',
      'eventCreatedDateTime:gte': '2026-03-01T00:00:00+08:00',
      'eventCreatedDateTime:lt': '2026-04-01T00:00:00.000001Z',
      eventDateTime: '2026-03-05T10:00:00Z',
      limit: '20',
    });
    expect(parsed).toEqual({
      ok: true,
      value: {
        request: {
          filter: { eventType: ['TRANSPORT', 'EQUIPMENT'], equipmentReference: ['MSKU1234565'] },
          // Feed positions, in microseconds: eventCreatedDateTime is when the platform published an event.
          eventCreatedDateTime: { gte: µs('2026-02-28T16:00:00Z'), lt: µs('2026-04-01T00:00:00Z') + 1 },
          eventDateTime: { gte: µs('2026-03-05T10:00:00Z'), lte: µs('2026-03-05T10:00:00Z') },
        },
        limit: 20,
      },
    });
  });

  it('gives every reason a query is refused, a date that does not exist among them', () => {
    const parsed = parseEventsQuery({
      eventType: 'TRANSIT',
      colour: 'blue',
      'eventCreatedDateTime:after': '2026-03-01T00:00:00Z',
      eventDateTime: '2026-02-30T00:00:00Z',
      limit: '0',
      UNLocationCode: ['CNCQI', 'CNQZH'],
      sort: 'eventDateTime:DESC',
    });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.errors).toEqual([
      'limit: must be a whole number from 1 to 1000, not "0"',
      expect.stringMatching(/^sort: this list is served in eventCreatedDateTime order, oldest first/),
      'eventType: "TRANSIT" is not one of SHIPMENT, TRANSPORT, EQUIPMENT',
      'colour: not a filter of this API (see /v2/openapi.yaml)',
      'eventCreatedDateTime:after: the operator must be one of :gte, :gt, :lte, :lt, :eq',
      'eventDateTime: "2026-02-30T00:00:00Z" is not a date-time with an offset that exists (RFC 3339, e.g. 2026-03-01T08:00:00+08:00)',
      'UNLocationCode: give it once',
    ]);
  });

  it("accepts every filter DCSA 2.2 defines, its deprecated names, and sort in the feed's order", () => {
    expect(
      parseEventsQuery({
        carrierBookingReference: 'ABC709951',
        carrierServiceCode: 'FE1',
        scheduleID: '9679a405-3316-42a5-8533-aba000f5689c',
        transportDocumentID: '9679a405-3316-42a5-8533-aba000f5689c',
        bookingReference: 'ABC709951',
        carrierVoyageNumber: '2103S',
        sort: 'eventCreatedDateTime:asc',
      }),
    ).toEqual({
      ok: true,
      value: {
        request: {
          filter: {
            carrierBookingReference: ['ABC709951'],
            carrierServiceCode: ['FE1'],
            scheduleID: ['9679a405-3316-42a5-8533-aba000f5689c'],
            transportDocumentID: ['9679a405-3316-42a5-8533-aba000f5689c'],
            exportVoyageNumber: ['2103S'],
          },
        },
        limit: 100,
      },
    });
    // A filter and its old name with different values: an event must pass both, so none does.
    const both = parseEventsQuery({ exportVoyageNumber: '2103S', carrierVoyageNumber: '2104N' });
    expect(both.ok && both.value.request.filter).toEqual({ exportVoyageNumber: [] });
  });

  it('takes a signed cursor back with its filters and position, and refuses any other', () => {
    const first = parseEventsQuery({ eventType: 'TRANSPORT', 'eventCreatedDateTime:gte': '2026-03-01T00:00:00Z' });
    const request = first.ok ? first.value.request : { filter: {} };
    const after = µs('2026-03-02T00:00:00Z') + 7;
    const cursor = eventsCursor({ request, after });
    expect(parseEventsQuery({ cursor, limit: '5' })).toEqual({ ok: true, value: { request, after, limit: 5 } });
    expect(parseEventsQuery({ cursor, eventType: 'SHIPMENT' })).toEqual({
      ok: false,
      errors: ['cursor: carries the filters of its query; send it with limit only, not eventType'],
    });
    const refused = (bad: string) => {
      const parsed = parseEventsQuery({ cursor: bad });
      return (
        !parsed.ok && parsed.errors.length === 1 && parsed.errors[0].startsWith('cursor: not a cursor this API gave')
      );
    };
    const [payload, mac] = cursor.split('.');
    const flipped = (text: string, at: number) =>
      `${text.slice(0, at)}${text[at] === 'A' ? 'B' : 'A'}${text.slice(at + 1)}`;
    for (const bad of [
      'garbage',
      payload,
      `${flipped(payload, 3)}.${mac}`,
      `${payload}.${flipped(mac, 3)}`,
      cursor.slice(0, -2),
      `${Buffer.from(JSON.stringify({ f: {}, a: 0 })).toString('base64url')}.${mac}`,
      subscriptionsCursor({ afterId: 'x' }),
    ]) {
      expect(refused(bad)).toBe(true);
    }
    // Even signed with the platform's key, content of another shape is refused: no operator reaches the store.
    for (const forged of [
      { f: { eventType: { $in: ['TRANSPORT'] } } },
      { f: { equipmentReference: [{ $in: ['X'] }] } },
      { f: {}, a: { $gt: 0 } },
      { f: {}, d: { $where: 'sleep(1000)' } },
      { f: {}, c: { gte: '2026' } },
      { f: { $where: ['1'] } },
      { f: {}, x: 1 },
    ]) {
      expect(refused(signCursor('events', forged))).toBe(true);
    }
  });

  it("gives the feed's query microsecond bounds on eventDateTime as the same bounds on whole milliseconds", () => {
    const page = { request: { filter: {}, eventDateTime: { gt: 5_000_400, lt: 9_000_000 } }, after: 42, limit: 3 };
    expect(feedQuery(page, 4)).toEqual({
      filter: {},
      eventDateTime: { gte: new Date(5001), lt: new Date(9000) },
      after: 42,
      limit: 4,
    });
  });
});

describe('subscription and attempt lists', () => {
  it('take their own signed cursors, and refuse a forged or foreign one', () => {
    const cursor = subscriptionsCursor({ afterId: 'b80d923d-e8ac-4c34-9506-55d3de347034' });
    expect(parseListQuery({ cursor, limit: '2' }, 'subscriptions')).toEqual({
      ok: true,
      value: { limit: 2, cursor: { afterId: 'b80d923d-e8ac-4c34-9506-55d3de347034' } },
    });
    for (const bad of [Buffer.from('{"$gt":""}').toString('base64url'), cursor.slice(1)]) {
      expect(parseListQuery({ cursor: bad }, 'subscriptions').ok).toBe(false);
    }
    expect(parseListQuery({ cursor }, 'attempts').ok).toBe(false);
    expect(parseListQuery({ cursor: signCursor('attempts', { t: { $gt: 0 }, i: 'x' }) }, 'attempts').ok).toBe(false);
    expect(parseListQuery({ sort: 'attemptDateTime:DESC' }, 'attempts').ok).toBe(true);
    expect(parseListQuery({ sort: 'attemptDateTime' }, 'attempts').ok).toBe(false);
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

  it("takes DCSA's filters by their deprecated names too, code lists as comma-separated strings, and the shown state back", () => {
    expect(
      parseSubscriptionBody(
        {
          subscriptionID: 'b80d923d-e8ac-4c34-9506-55d3de347034',
          callbackUrl: 'https://partner.example/hook',
          transportEventTypeCode: 'ARRI,DEPA',
          bookingReference: 'ABC709951',
          carrierServiceCode: 'FE1',
          signatureScheme: 'TIMESTAMPED',
          status: 'ACTIVE',
          pendingDeliveries: 3,
        },
        'update',
      ),
    ).toEqual({
      ok: true,
      value: {
        callbackUrl: 'https://partner.example/hook',
        filter: {
          transportEventTypeCode: ['ARRI', 'DEPA'],
          carrierBookingReference: ['ABC709951'],
          carrierServiceCode: ['FE1'],
        },
        signatureScheme: 'TIMESTAMPED',
      },
    });
  });

  it('refuses what it cannot use, saying why', () => {
    expect(
      parseSubscriptionBody(
        { callbackUrl: 'ftp://x', eventType: ['NOPE'], colour: 1, secret: 'abc', signatureScheme: 'md5' },
        'create',
      ),
    ).toEqual({
      ok: false,
      errors: [
        'callbackUrl: must be an http(s) URL',
        'secret: must be Base64',
        'signatureScheme: "md5" is not one of DCSA, TIMESTAMPED',
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

describe('a new secret', () => {
  it('is a body with the secret and nothing else', () => {
    const secret = generateSecret();
    expect(parseSecretBody({ secret })).toEqual({ ok: true, value: secret });
    expect(parseSecretBody({ secret, callbackUrl: 'https://x' })).toEqual({
      ok: false,
      errors: ['callbackUrl: not a property of this body, which carries the secret only'],
    });
    expect(parseSecretBody({ secret: 'abc' })).toEqual({ ok: false, errors: ['secret: must be Base64'] });
    expect(parseSecretBody('x').ok).toBe(false);
  });
});

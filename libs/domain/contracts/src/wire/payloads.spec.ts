import { TOPICS } from '../topics';
import { encodePayload, PAYLOAD_PARSERS, type PlatformTopic } from './payloads';

const parsePayload = <T extends PlatformTopic>(topic: T, bytes: Buffer) => PAYLOAD_PARSERS[topic](bytes);

const bytes = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value), 'utf8');

const event = {
  eventId: 'ev-1',
  eventType: 'EQUIPMENT',
  containerNo: 'CSQU3054383',
  eventDateTime: '2026-03-02T08:00:00+08:00',
};
const journey = { journeyId: 'j-1', containerNo: 'CSQU3054383', version: 'v1', legs: [], dwell: [], milestones: [] };
const update = { journey, causedBy: ['ev-1'], events: [event], publishedAt: '2026-03-02T00:00:01Z' };

describe('parsePayload(tracking.events.v1)', () => {
  const parse = (value: unknown) => parsePayload(TOPICS.trackingEvents, bytes(value));

  it('reads what encodePayload wrote', () => {
    expect(parsePayload(TOPICS.trackingEvents, encodePayload(TOPICS.trackingEvents, event as never))).toEqual({
      ok: true,
      value: event,
    });
  });

  it.each([
    ['{"eventId": ', /^not JSON: /],
    [[event], /^not a JSON object$/],
    [{ ...event, eventId: '' }, /^eventId: required string$/],
    [{ ...event, eventType: 'OTHER' }, /^eventType: "OTHER" is not one of TRANSPORT, EQUIPMENT, SHIPMENT, RETRACTION$/],
    [{ ...event, containerNo: 'CSQU3054384' }, /^containerNo: .*check digit is 3, not 4$/],
    [{ ...event, eventDateTime: 'soon' }, /^eventDateTime: required ISO 8601 date-time$/],
  ])('refuses %j', (value, reason) => {
    const checked = parse(value);
    expect(checked.ok ? 'accepted' : checked.error).toMatch(reason);
  });
});

describe('parsePayload(journey.updates.v1)', () => {
  const parse = (value: unknown) => parsePayload(TOPICS.journeyUpdates, bytes(value));

  it("keeps the contract's fields and drops the rest", () => {
    expect(parse({ ...update, containerJourneyIds: ['j-1'], extra: 1 })).toEqual({
      ok: true,
      value: { ...update, containerJourneyIds: ['j-1'] },
    });
  });

  it('reads an update whose events were left out for their size', () => {
    const rest = { journey, causedBy: update.causedBy, publishedAt: update.publishedAt };
    expect(parse({ ...rest, omittedEventIds: ['ev-1'] })).toEqual({
      ok: true,
      value: { ...rest, omittedEventIds: ['ev-1'] },
    });
  });

  it.each([
    [null, 'not a JSON object'],
    [{ ...update, journey: undefined }, 'journey: missing'],
    [{ ...update, journey: { ...journey, version: 3 } }, 'journey.version: not a string'],
    [{ ...update, journey: { ...journey, legs: {} } }, 'journey.legs: not an array'],
    [{ ...update, causedBy: 'ev-1' }, 'causedBy: not a list of event ids'],
    [{ ...update, publishedAt: undefined }, 'publishedAt: not a string'],
    [{ ...update, containerJourneyIds: [1] }, 'containerJourneyIds: not a list of journey ids'],
    [{ ...update, events: [{ eventId: 'ev-1' }] }, 'events: not a list of tracking events'],
    [{ ...update, omittedEventIds: 'ev-1' }, 'omittedEventIds: not a list of event ids'],
  ])('refuses %j', (value, reason) => {
    expect(parse(value)).toEqual({ ok: false, error: reason });
  });
});

describe('parsePayload of the alert topics and dead letters', () => {
  it('reads an alert change by its alert id, and refuses one without', () => {
    const change = { change: 'RAISED', alert: { alertId: 'a-1' }, changedAt: '2026-03-02T00:00:00Z' };
    expect(parsePayload(TOPICS.alerts, bytes(change))).toEqual({ ok: true, value: change });
    expect(parsePayload(TOPICS.alerts, bytes({ ...change, alert: {} }))).toEqual({
      ok: false,
      error: 'alert.alertId: not a string',
    });
  });

  it('reads a notice by its id, and refuses one without', () => {
    expect(parsePayload(TOPICS.notices, bytes({ noticeId: 'n-1' }))).toEqual({ ok: true, value: { noticeId: 'n-1' } });
    expect(parsePayload(TOPICS.notices, bytes({ kind: 'INSPECTED' }))).toEqual({
      ok: false,
      error: 'noticeId: not a string',
    });
  });

  it('reads a dead letter, and refuses what is not one', () => {
    const letter = { reason: 'r', errors: ['r'], sourceTopic: 't', originalBase64: '' };
    expect(parsePayload(TOPICS.deadLetter, bytes(letter))).toEqual({ ok: true, value: letter });
    expect(parsePayload(TOPICS.deadLetter, bytes({ ...letter, errors: 'r' })).ok).toBe(false);
    expect(parsePayload(TOPICS.deadLetter, bytes({ ...letter, sourceTopic: 1 })).ok).toBe(false);
  });
});

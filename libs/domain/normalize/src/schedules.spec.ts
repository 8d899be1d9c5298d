import { TOPICS, type RawSchedule } from '@mmt/contracts';
import { eventsForConveyanceMember } from './map-in-transit';
import { plannedReports } from './map-schedule';
import { parseRawMessage } from './parse-raw-message';
import { bytes, CONTAINERS, schedule, type JsonRecord } from './testing/raw-message.factory';
import { toTrackingEvents } from './to-tracking-events';

const errorsOf = (message: JsonRecord) => {
  const result = parseRawMessage(TOPICS.rawSchedule, bytes(message));
  return result.ok ? [] : result.errors;
};
const calls = () => schedule()['transportCalls'] as JsonRecord[];
const parsed = (message: JsonRecord = schedule()) => {
  const result = parseRawMessage(TOPICS.rawSchedule, bytes(message));
  if (!result.ok) {
    throw new Error(result.errors.join('; '));
  }
  return result.message as RawSchedule;
};
const ctx = { rawRef: 'raw.schedule.v1/0/7', receivedAt: '2026-02-25T09:01:00+08:00' };

describe('schedules (raw.schedule.v1)', () => {
  it.each([
    ['a truck', { conveyance: { mode: 'TRUCK', plate: '渝A12345' } }, 'conveyance.mode: a schedule is for a train'],
    ['a single call', { transportCalls: [calls()[0]] }, 'transportCalls: must have at least 2 items'],
    [
      'a call without times',
      { transportCalls: [calls()[0], { location: { locode: 'CNAKL' } }] },
      'transportCalls[1]: needs plannedArrival, plannedDeparture or plannedPassing',
    ],
    [
      'a call both passed and stopped at',
      {
        transportCalls: [
          calls()[0],
          {
            location: { locode: 'CNAKL' },
            plannedPassing: '2026-03-03T10:00:00+08:00',
            plannedArrival: '2026-03-03T10:00:00+08:00',
          },
        ],
      },
      'transportCalls[1].plannedPassing: a call is passed, or arrived at and departed from, not both',
    ],
    [
      'a departure before the arrival',
      {
        transportCalls: [
          calls()[0],
          {
            location: { locode: 'CNAKL' },
            plannedArrival: '2026-03-03T10:00:00+08:00',
            plannedDeparture: '2026-03-03T09:00:00+08:00',
          },
        ],
      },
      'transportCalls[1].plannedDeparture: 2026-03-03T09:00:00+08:00 is before plannedArrival 2026-03-03T10:00:00+08:00',
    ],
    [
      'the same place twice',
      { transportCalls: [calls()[0], calls()[0]] },
      'transportCalls[1]: calls at CNCQI/TJC twice',
    ],
    ['a retraction', { retractsMessageId: 'cer-tt-0000' }, 'retractsMessageId: a schedule is not retracted'],
    [
      'a time without its offset',
      { transportCalls: [{ ...calls()[0], plannedDeparture: '2026-03-01T10:00:00' }, calls()[1]] },
      'transportCalls[0].plannedDeparture',
    ],
  ])('rejects %s', (_, change, error) => {
    expect(errorsOf({ ...schedule(), ...change })).toEqual(expect.arrayContaining([expect.stringContaining(error)]));
  });

  it('means a planned report per call and movement, on the conveyance, for every container on it', () => {
    const output = toTrackingEvents(parsed(), ctx);
    expect(output.events).toEqual([]);
    expect(output.memberships).toEqual([]);
    expect(
      output.conveyanceReports?.map((r) => [r.status, r.classifier, r.location.locode, r.eventTime, r.sentAt]),
    ).toEqual([
      ['DEPARTED', 'PLN', 'CNCQI', '2026-03-01T10:00:00+08:00', '2026-02-25T09:00:00+08:00'],
      ['PASSED', 'PLN', 'CNHRS', '2026-03-03T20:00:00+08:00', '2026-02-25T09:00:00+08:00'],
      ['ARRIVED', 'PLN', 'KZHOR', '2026-03-04T02:00:00+06:00', '2026-02-25T09:00:00+08:00'],
      ['DEPARTED', 'PLN', 'KZHOR', '2026-03-04T09:00:00+06:00', '2026-02-25T09:00:00+08:00'],
    ]);
    const events = output.conveyanceReports!.flatMap((r) => eventsForConveyanceMember(r, CONTAINERS[0], [], ctx));
    expect(events.map((e) => [e.eventType, e.classifier, e.containerNo])).toEqual([
      ['TRANSPORT', 'PLN', CONTAINERS[0]],
      ['EQUIPMENT', 'PLN', CONTAINERS[0]],
      ['TRANSPORT', 'PLN', CONTAINERS[0]],
      ['TRANSPORT', 'PLN', CONTAINERS[0]],
    ]);
  });

  it('makes a later version, under any messageId, a correction of the same planned events', () => {
    const first = parsed();
    const changed: JsonRecord = {
      ...schedule(),
      messageId: 'cer-tt-0002',
      sentAt: '2026-02-28T09:00:00+08:00',
      eventTime: '2026-02-28T09:00:00+08:00',
      transportCalls: [{ ...calls()[0], plannedDeparture: '2026-03-01T16:00:00+08:00' }, calls()[1], calls()[2]],
    };
    const eventsOf = (version: RawSchedule) =>
      plannedReports(version).flatMap((r) => eventsForConveyanceMember(r, CONTAINERS[0], [], ctx));
    const [before, after] = [eventsOf(first), eventsOf(parsed(changed))];
    expect(after.map((e) => e.eventId)).toEqual(before.map((e) => e.eventId));
    expect(after.map((e) => e.eventCreatedDateTime)).toEqual(after.map(() => '2026-02-28T09:00:00+08:00'));
    expect(after[0].eventDateTime).toBe('2026-03-01T16:00:00+08:00');
  });
});

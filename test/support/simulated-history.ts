import { conveyanceKey, type Journey, type TrackingEvent } from '@mmt/contracts';
import { foldJourneys } from '@mmt/journey';
import { eventsForConveyanceMember, toTrackingEvents, type ConveyanceMembership } from '@mmt/normalize';
import { simulate } from '@mmt/simulator';
import type { ConveyanceReport } from '@mmt/store';

/** What the pipeline stores for simulated traffic: journeys, their events, and the conveyance join's memory. */
export interface SimulatedHistory {
  readonly journeys: Journey[];
  readonly events: TrackingEvent[];
  readonly members: ConveyanceMembership[];
  readonly reports: ConveyanceReport[];
}

/**
 * The stored state after `journeys` simulated journeys, computed without Kafka or a store, as fast as the
 * fold allows (for seeding read tests and benchmarks): each message received when it was sent, train- and
 * vessel-level reports joined with every container on the conveyance.
 */
export function simulatedHistory(options: { journeys: number; seed: number; start: string }): SimulatedHistory {
  const simulation = simulate({
    ...options,
    shuffle: 0,
    duplicates: 0,
    lateManifests: 0,
    conveyanceReports: true,
    invalid: 0,
  });
  const events = new Map<string, TrackingEvent>();
  const members = new Map<string, ConveyanceMembership>();
  const reports: ConveyanceReport[] = [];
  for (const message of simulation.validMessages) {
    const ctx = { rawRef: `simulated/${message.messageId}`, receivedAt: new Date(message.sentAt).toISOString() };
    const output = toTrackingEvents(message, ctx);
    output.events.forEach((e) => events.set(e.eventId, e));
    output.memberships.forEach((m) => members.set(`${m.conveyanceKey}|${m.containerNo}`, m));
    for (const report of output.conveyanceReports ?? []) {
      if (report.conveyance !== undefined) {
        const _id = `${report.messageId}|${report.sentAt}`;
        reports.push({ _id, conveyanceKey: conveyanceKey(report.conveyance), report, ...ctx });
      }
    }
  }
  const onConveyance = new Map<string, string[]>();
  for (const member of members.values()) {
    onConveyance.set(member.conveyanceKey, [...(onConveyance.get(member.conveyanceKey) ?? []), member.containerNo]);
  }
  for (const report of reports) {
    for (const containerNo of onConveyance.get(report.conveyanceKey) ?? []) {
      eventsForConveyanceMember(report.report, containerNo, [], report).forEach((e) => events.set(e.eventId, e));
    }
  }
  return {
    journeys: foldJourneys([...events.values()]),
    events: [...events.values()],
    members: [...members.values()],
    reports,
  };
}

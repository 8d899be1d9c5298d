import { conveyanceKey, type Journey, type RawMessage, type TrackingEvent } from '@mmt/contracts';
import { foldJourneys } from '@mmt/journey';
import { eventsForConveyanceMember, toTrackingEvents } from '@mmt/normalize';

/**
 * What the pipeline must end with for a set of valid raw messages, computed without Kafka or a store:
 * every message mapped, every conveyance report joined with every container the conveyance carries
 * (whatever the order), and each container's events folded.
 */
export function expectedOutcome(messages: readonly RawMessage[]): {
  events: Map<string, TrackingEvent>;
  journeys: Journey[];
} {
  const ctx = { rawRef: 'ground-truth', receivedAt: '2000-01-01T00:00:00Z' };
  const events = new Map<string, TrackingEvent>();
  const members: { conveyanceKey: string; containerNo: string }[] = [];
  const reports: { conveyanceKey: string; report: Parameters<typeof eventsForConveyanceMember>[0] }[] = [];
  const seenMembers = new Set<string>();
  for (const message of messages) {
    const output = toTrackingEvents(message, ctx);
    output.events.forEach((e) => events.set(e.eventId, e));
    for (const member of output.memberships) {
      const id = `${member.conveyanceKey}|${member.containerNo}`;
      if (!seenMembers.has(id)) {
        seenMembers.add(id);
        members.push(member);
      }
    }
    if (output.conveyanceReport?.conveyance !== undefined) {
      reports.push({
        conveyanceKey: conveyanceKey(output.conveyanceReport.conveyance),
        report: output.conveyanceReport,
      });
    }
  }
  for (const report of reports) {
    for (const member of members.filter((m) => m.conveyanceKey === report.conveyanceKey)) {
      eventsForConveyanceMember(report.report, member.containerNo, [], ctx).forEach((e) => events.set(e.eventId, e));
    }
  }
  // foldJourneys folds each container's events on their own.
  const journeys = foldJourneys([...events.values()]);
  journeys.sort((a, b) => (a.journeyId < b.journeyId ? -1 : a.journeyId > b.journeyId ? 1 : 0));
  return { events, journeys };
}

/** The order journey lists show: cold-chain journeys first, each part in the order given. */
export function coldChainFirst<T extends { readonly coldChain: boolean }>(list: readonly T[]): T[] {
  return [...list.filter((j) => j.coldChain), ...list.filter((j) => !j.coldChain)];
}

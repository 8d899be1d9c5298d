import {
  conveyanceKey,
  eventVersionKey,
  type Journey,
  type RawInTransit,
  type RawMessage,
  type TrackingEvent,
} from '@mmt/contracts';
import { foldJourneys } from '@mmt/journey';
import { eventsForConveyanceMember, toTrackingEvents, transferredOnto } from '@mmt/normalize';

/** A container on a conveyance, as the normalizer's `conveyance_members` records it. */
export interface ExpectedMember {
  readonly conveyanceKey: string;
  readonly containerNo: string;
}

/** A conveyance-level in-transit report, as the normalizer's `conveyance_reports` records it. */
export interface ExpectedReport {
  readonly id: string;
  readonly conveyanceKey: string;
  readonly report: RawInTransit;
}

/**
 * The conveyance join a set of valid raw messages must end with, whatever their order: every membership a
 * manifest line or a LOAD / TRANSFER gives, every conveyance-level report, and the memberships of the next
 * train that a train-level TRANSFERRED report gives every container on its train (followed from train to train).
 */
export function expectedConveyanceJoin(messages: readonly RawMessage[]): {
  members: Map<string, ExpectedMember>;
  reports: Map<string, ExpectedReport>;
} {
  const ctx = { rawRef: 'ground-truth', receivedAt: '2000-01-01T00:00:00Z' };
  const members = new Map<string, ExpectedMember>();
  const reports = new Map<string, ExpectedReport>();
  const addMember = (member: ExpectedMember): boolean => {
    const id = `${member.conveyanceKey}|${member.containerNo}`;
    const isNew = !members.has(id);
    if (isNew) {
      members.set(id, { conveyanceKey: member.conveyanceKey, containerNo: member.containerNo });
    }
    return isNew;
  };
  for (const message of messages) {
    const output = toTrackingEvents(message, ctx);
    output.memberships.forEach(addMember);
    for (const report of output.conveyanceReports ?? []) {
      if (report.conveyance !== undefined) {
        // One report per source, message and version (the normalizer's key); a resend is the same report.
        const id = `${report.source}|${report.messageId}|${Date.parse(report.sentAt)}`;
        if (!reports.has(id)) {
          reports.set(id, { id, conveyanceKey: conveyanceKey(report.conveyance), report });
        }
      }
    }
  }
  for (let grew = true; grew;) {
    grew = false;
    for (const { conveyanceKey: key, report } of reports.values()) {
      const onward = transferredOnto(report);
      if (onward !== undefined) {
        for (const member of [...members.values()].filter((m) => m.conveyanceKey === key)) {
          grew = addMember({ conveyanceKey: onward, containerNo: member.containerNo }) || grew;
        }
      }
    }
  }
  return { members, reports };
}

/**
 * What the pipeline must end with for a set of valid raw messages, computed without Kafka or a store:
 * every message mapped, every conveyance report joined with every container the conveyance carries
 * (whatever the order), and each container's events folded.
 */
export function expectedOutcome(messages: readonly RawMessage[]): {
  /** Each event's latest version (the later eventCreatedDateTime), by event id. */
  events: Map<string, TrackingEvent>;
  /** How many versions of events there are in all: what the event log holds (a correction is a version). */
  versions: number;
  journeys: Journey[];
} {
  const ctx = { rawRef: 'ground-truth', receivedAt: '2000-01-01T00:00:00Z' };
  const events = new Map<string, TrackingEvent>();
  const versions = new Set<string>();
  const add = (event: TrackingEvent) => {
    versions.add(eventVersionKey(event));
    const known = events.get(event.eventId);
    if (known === undefined || Date.parse(known.eventCreatedDateTime) <= Date.parse(event.eventCreatedDateTime)) {
      events.set(event.eventId, event);
    }
  };
  for (const message of messages) {
    toTrackingEvents(message, ctx).events.forEach(add);
  }
  const { members, reports } = expectedConveyanceJoin(messages);
  for (const { conveyanceKey: key, report } of reports.values()) {
    for (const member of [...members.values()].filter((m) => m.conveyanceKey === key)) {
      eventsForConveyanceMember(report, member.containerNo, [], ctx).forEach(add);
    }
  }
  // foldJourneys folds each container's events on their own.
  const journeys = foldJourneys([...events.values()]);
  journeys.sort((a, b) => (a.journeyId < b.journeyId ? -1 : a.journeyId > b.journeyId ? 1 : 0));
  return { events, versions: versions.size, journeys };
}

/** The order journey lists show: cold-chain journeys first, each part in the order given. */
export function coldChainFirst<T extends { readonly coldChain: boolean }>(list: readonly T[]): T[] {
  return [...list.filter((j) => j.coldChain), ...list.filter((j) => !j.coldChain)];
}

import type { KafkaMessage } from 'kafkajs';
import { atFailpoint } from '@mmt/config';
import { conveyanceKey, type DeadLetter, type RawManifest, type RawTopic, type TrackingEvent } from '@mmt/contracts';
import { toDeadLetter } from '@mmt/kafka';
import {
  eventsForConveyanceMember,
  parseRawMessage,
  receiptProblems,
  toTrackingEvents,
  transferredOnto,
} from '@mmt/normalize';
import type { ConveyanceManifest, ConveyanceMember, ConveyanceReport, ConveyancesRepository } from '@mmt/store';

export interface NormalizedBatch {
  readonly events: TrackingEvent[];
  readonly deadLetters: DeadLetter[];
}

interface SourceMessage {
  readonly topic: string;
  readonly rawTopic: RawTopic;
  readonly partition: number;
  readonly message: KafkaMessage;
}

/**
 * Turns one batch of raw messages into canonical events and dead letters, and keeps the conveyance join:
 * memberships and conveyance reports are written first, then read back, so a report and a manifest that
 * race in two processes still meet (each side sees the other's write). Only a membership or report that
 * was new fans out, so a container loaded, discharged and manifested on one train gets each report once;
 * what repeats after a crash is harmless: event ids are stable, and the projector keeps each id once.
 */
export async function normalizeBatch(
  sources: readonly SourceMessage[],
  conveyances: ConveyancesRepository,
): Promise<NormalizedBatch> {
  const events: TrackingEvent[] = [];
  const deadLetters: DeadLetter[] = [];
  const memberships: Omit<ConveyanceMember, '_id'>[] = [];
  const reports: ConveyanceReport[] = [];
  const manifests: ConveyanceManifest[] = [];

  for (const source of sources) {
    const parsed = parseRawMessage(source.rawTopic, source.message.value ?? Buffer.alloc(0));
    if (!parsed.ok) {
      deadLetters.push(toDeadLetter(source, parsed.errors, 'normalizer'));
      continue;
    }
    const rawRef = `${source.topic}/${source.partition}/${source.message.offset}`;
    // The broker's timestamp, not the clock: a replay gives the same receivedAt.
    const receivedAt = new Date(Number(source.message.timestamp)).toISOString();
    const tooEarly = receiptProblems(parsed.message, receivedAt);
    if (tooEarly.length > 0) {
      deadLetters.push(toDeadLetter(source, tooEarly, 'normalizer'));
      continue;
    }
    try {
      const output = toTrackingEvents(parsed.message, { rawRef, receivedAt });
      events.push(...output.events);
      if (parsed.message.kind === 'MANIFEST' && parsed.message.retractsMessageId === undefined) {
        manifests.push(manifestList(parsed.message));
      }
      memberships.push(...output.memberships.map((m) => ({ ...m, documents: [...m.documents], rawRef })));
      for (const report of output.conveyanceReports ?? []) {
        if (report.conveyance !== undefined) {
          reports.push({
            // One report per source system, message and version: two sources may use the same messageId, and a
            // correction (a later sentAt) is a report of its own that members old and new must get.
            _id: `${report.source}|${report.messageId}|${Date.parse(report.sentAt)}`,
            conveyanceKey: conveyanceKey(report.conveyance),
            report,
            rawRef,
            receivedAt,
          });
        }
      }
    } catch (error) {
      deadLetters.push(
        toDeadLetter(source, [`normalizer could not map this message: ${(error as Error).message}`], 'normalizer'),
      );
    }
  }

  // Only what is new fans out: a known membership or report was joined when it first arrived. A train-level
  // transfer puts every container it reaches on the next train too, which joins them to that train's reports,
  // and so on along the trains of the journey. Each write is a named failpoint step; a step with nothing to
  // write is skipped, so that a test's "n-th call" is a real write. A batch that fails at any step is redone
  // whole: what it wrote is then found under the same rawRef and fans out again (see insertFirstSeen).
  if (manifests.length > 0) {
    await atFailpoint('normalizer.recordManifests', () => conveyances.recordManifests(manifests));
  }
  const newMembers = await addMembers('normalizer.addMembers', memberships, conveyances);
  const newReports =
    reports.length === 0 ? [] : await atFailpoint('normalizer.addReports', () => conveyances.addReports(reports));
  let joined = [
    ...(await membersOfReports(newReports, conveyances)),
    ...(await reportsOfMembers(newMembers, conveyances)),
  ];
  while (joined.length > 0) {
    events.push(...joined.flatMap(({ report, containerNo }) => memberEvents(report, containerNo)));
    const onward = await addMembers('normalizer.addOnwardMembers', joined.flatMap(onwardMembership), conveyances);
    joined = await reportsOfMembers(onward, conveyances);
  }
  return { events, deadLetters };
}

/** Records memberships at the named failpoint step; returns the new ones (none to write: no call). */
async function addMembers(
  step: string,
  memberships: readonly Omit<ConveyanceMember, '_id'>[],
  conveyances: ConveyancesRepository,
): Promise<ConveyanceMember[]> {
  return memberships.length === 0 ? [] : atFailpoint(step, () => conveyances.addMembers(memberships));
}

/**
 * A conveyance report's events for one container on it. They carry no documents (like a per-container
 * in-transit report), so they do not depend on which manifest or loading event joined the container first:
 * the fold places them on the journey by time.
 */
function memberEvents(report: ConveyanceReport, containerNo: string) {
  return eventsForConveyanceMember(report.report, containerNo, [], report);
}

/** A conveyance report meeting a container on that conveyance. */
interface Joined {
  readonly report: ConveyanceReport;
  readonly containerNo: string;
  readonly documents: ConveyanceMember['documents'];
}

/** The containers on the conveyances of these reports, each with the report. */
async function membersOfReports(reports: readonly ConveyanceReport[], conveyances: ConveyancesRepository) {
  if (reports.length === 0) {
    return [];
  }
  const members = await conveyances.membersOf([...new Set(reports.map((r) => r.conveyanceKey))]);
  return reports.flatMap((report): Joined[] =>
    members
      .filter((member) => member.conveyanceKey === report.conveyanceKey)
      .map(({ containerNo, documents }) => ({ report, containerNo, documents })),
  );
}

/** The reports on the conveyances of these memberships, each with the member container. */
async function reportsOfMembers(
  memberships: readonly Omit<ConveyanceMember, '_id'>[],
  conveyances: ConveyancesRepository,
) {
  if (memberships.length === 0) {
    return [];
  }
  const reports = await conveyances.reportsOn([...new Set(memberships.map((m) => m.conveyanceKey))]);
  return memberships.flatMap(({ conveyanceKey: key, containerNo, documents }): Joined[] =>
    reports.filter((report) => report.conveyanceKey === key).map((report) => ({ report, containerNo, documents })),
  );
}

/**
 * The membership of the next train that a train-level TRANSFERRED report gives a container on the train. It keeps
 * the report's rawRef, whichever batch writes it (the report's, or a later member's): a redo of that batch makes
 * the same record again and so finds it as its own, and fans it out again.
 */
function onwardMembership({ report, containerNo, documents }: Joined): Omit<ConveyanceMember, '_id'>[] {
  const onward = transferredOnto(report.report);
  return onward === undefined ? [] : [{ conveyanceKey: onward, containerNo, documents, rawRef: report.rawRef }];
}

/** The containers a manifest version lists for its conveyance. */
function manifestList(manifest: RawManifest): ConveyanceManifest {
  const key = conveyanceKey(manifest.conveyance);
  return {
    _id: `${key}|${manifest.source}|${manifest.manifestNo}`,
    conveyanceKey: key,
    manifestNo: manifest.manifestNo,
    sentAt: manifest.sentAt,
    sentAtMs: Date.parse(manifest.sentAt),
    containerNos: manifest.containers.map((line) => line.containerNo),
  };
}

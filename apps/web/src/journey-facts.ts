import type { Journey, Leg, TimelineEntry, Vehicle } from './answers';
import { code, currentLanguage, t } from './i18n';
import { placeName, when } from './places';

/** A train, vessel, barge or truck in words, e.g. "Train X8001" or "Vessel COSCO JADE (voyage 012W)". */
export function vehicleName(vehicle: Vehicle | null | undefined): string {
  if (!vehicle) {
    return '';
  }
  const id = vehicle.trainNo ?? vehicle.name ?? vehicle.key.split(':')[1] ?? vehicle.key;
  const voyage = vehicle.voyage && vehicle.mode !== 'RAIL' ? ` (${t('voyage')} ${vehicle.voyage})` : '';
  return `${code('mode', vehicle.mode)} ${id}${voyage}`;
}

/**
 * The status in plain words, from the latest actual movement the status itself was read from: what happened, where,
 * on what and when, e.g. "On the way · Departed · Chongqing · Tuanjiecun rail hub · Train X8001 · 2 Mar 2026, 09:00 GMT+8".
 */
export function statusLine(j: Journey): string {
  const status = code('status', j.status);
  const m = j.latestMovement;
  if (!m) {
    return j.status === 'PLANNED' ? `${status} · ${t('notMoved')}` : status;
  }
  const parts = [
    status,
    code('milestone', m.code),
    placeName(m.place?.locode, m.place?.facility),
    vehicleName(m.conveyance),
    when(m.at, m.place?.locode),
  ];
  return parts.filter(Boolean).join(' · ');
}

/** The next thing the journey waits for: the first leg not yet arrived, its departure or else its arrival. */
export function nextStep(j: Journey): string | undefined {
  if (['ARRIVED', 'COMPLETED', 'CANCELLED'].includes(j.status)) {
    return undefined;
  }
  const leg = j.legs.find((l) => !l.actualArrival);
  if (leg === undefined) {
    return undefined;
  }
  if (!leg.actualDeparture) {
    const at = leg.estimatedDeparture ?? leg.plannedDeparture;
    return [
      `${t('departsFrom')} ${placeName(leg.from?.locode)}`,
      vehicleName(leg.conveyance),
      when(at, leg.from?.locode),
    ]
      .filter(Boolean)
      .join(' · ');
  }
  const at = leg.estimatedArrival ?? leg.plannedArrival;
  return [`${t('arrivesAt')} ${placeName(leg.to?.locode)}`, vehicleName(leg.conveyance), when(at, leg.to?.locode)]
    .filter(Boolean)
    .join(' · ');
}

/** Where the container is on its route: at a place, or on the way on a leg (departed, not yet arrived). */
export function position(j: Journey): { at?: string; onLeg?: Leg } {
  if (j.latestMovement && ['DEPA', 'CROS', 'GTOT'].includes(j.latestMovement.code) && j.status === 'IN_TRANSIT') {
    const onLeg = j.legs.find((l) => l.actualDeparture && !l.actualArrival);
    if (onLeg) {
      return { onLeg };
    }
  }
  return { at: j.currentPlace?.locode ?? undefined };
}

/** "On the way from Alashankou to Brest", in the page's language. */
export function onTheWay(leg: Leg): string {
  const from = placeName(leg.from?.locode);
  const to = placeName(leg.to?.locode);
  return currentLanguage() === 'zh'
    ? `${t('onTheWayFrom')}${from}${t('onTheWayTo')}${to}`
    : `${t('onTheWayFrom')} ${from} ${t('onTheWayTo')} ${to}`;
}

/**
 * The estimates of arrival at the destination, in the order the sources sent them (from the audit trail), each
 * only where it moved: the ETA's history.
 */
export function etaMoves(j: Journey, timeline: readonly TimelineEntry[]): string[] {
  const destination = j.destination?.locode;
  const estimates = timeline
    .filter((e) => e.code === 'ARRI' && e.classifier === 'EST' && !e.withdrawn && e.place?.locode === destination)
    .sort((a, b) => Date.parse(a.sentAt) - Date.parse(b.sentAt))
    .map((e) => e.eventDateTime);
  return estimates.filter((at, i) => i === 0 || Date.parse(at) !== Date.parse(estimates[i - 1]));
}

/** Minutes as a signed span in words: "3.5 h late", "2.0 h early", "on time" (晚点 3.5 小时, 提前 2.0 小时, 准点). */
export function lateness(minutes: number): string {
  if (minutes === 0) {
    return t('onTime');
  }
  return span(minutes, t('late'), t('early'));
}

/** How far an estimate moved from the first one: "2.5 h later than first estimated" (比首次预计推迟 2.5 小时). */
export function moved(minutes: number): string {
  return `${currentLanguage() === 'zh' ? t('thanFirst') : ''}${span(minutes, t('later'), t('earlier'))}${
    currentLanguage() === 'zh' ? '' : ` ${t('thanFirst')}`
  }`;
}

function span(minutes: number, after: string, before: string): string {
  const amount = `${(Math.abs(minutes) / 60).toFixed(1)} ${t('hours')}`;
  const way = minutes >= 0 ? after : before;
  return currentLanguage() === 'zh' ? `${way} ${amount}` : `${amount} ${way}`;
}

/**
 * A conveyance key as words: RAIL:X8001:2026-03-02 is "Train X8001 of 2026-03-02" (2026-03-02 的 X8001 次火车),
 * VESSEL:9703162:V012 is "Vessel IMO 9703162, voyage V012" (船舶 IMO 9703162 航次 V012).
 */
export function conveyanceWords(key: string | null | undefined): string {
  if (!key) {
    return '—';
  }
  const [mode, id, trip] = key.split(':');
  const zh = currentLanguage() === 'zh';
  if (mode === 'RAIL') {
    return zh
      ? `${trip ?? ''} ${code('mode', mode)} ${id}`.trim()
      : `${code('mode', mode)} ${id}${trip ? ` of ${trip}` : ''}`;
  }
  if (mode === 'VESSEL' || mode === 'BARGE') {
    return zh
      ? `${code('mode', mode)} IMO ${id}${trip ? ` 航次 ${trip}` : ''}`
      : `${code('mode', mode)} IMO ${id}${trip ? `, voyage ${trip}` : ''}`;
  }
  return `${code('mode', mode)} ${id ?? ''}`.trim();
}

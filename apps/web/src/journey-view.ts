import type { Journey, Leg, Notice, TimelineEntry } from './answers';
import { h } from './dom';
import { code, t } from './i18n';
import { etaMoves, lateness, moved, nextStep, statusLine, vehicleName } from './journey-facts';
import { placeName, when } from './places';

/** What a key holder sees beyond a shared link: the journey's inspection notices and its audit trail. */
export type OwnView = { notices: Notice[]; timeline: TimelineEntry[] };

/**
 * A journey's page: the status in words, the facts a shipper asks first (where now, ETA against plan, next step,
 * documents), the route map, the legs as cards, the milestones; and for a key holder (`own`), the notices and the
 * audit trail. Places by name, times in the place's zone.
 */
export function journeyView(j: Journey, map: HTMLElement, own?: OwnView, share?: Node): HTMLElement {
  const fact = (label: string, value: Node | string, id: string) =>
    h('div', {}, h('dt', {}, label), h('dd', { 'data-testid': id }, value));
  const next = nextStep(j);
  const moves = own ? etaMoves(j, own.timeline) : [];
  return h(
    'article',
    { class: 'journey', 'data-journey-id': j.journeyId },
    h(
      'h2',
      {},
      `${t('journey')} ${j.containerNo} `,
      j.coldChain ? h('span', { class: 'badge', 'data-testid': 'cold-chain' }, t('coldChain')) : null,
    ),
    h('p', { class: `status-line ${j.status.toLowerCase()}`, 'data-testid': 'status-line' }, statusLine(j)),
    h(
      'dl',
      { class: 'facts' },
      fact(t('route'), route(j), 'route'),
      fact(t('whereNow'), placeName(j.currentPlace?.locode, j.currentPlace?.facility), 'where-now'),
      j.arrivedAt
        ? fact(t('arrived'), when(j.arrivedAt, j.destination?.locode), 'arrived')
        : fact(t('eta'), when(j.eta, j.destination?.locode), 'eta'),
      fact(t('plan'), planAndDelay(j), 'delay'),
      next ? fact(t('next'), next, 'next') : null,
      fact(t('lastHeard'), when(j.lastActualEventAt, j.currentPlace?.locode), 'last-heard'),
      fact(t('customs'), code('customs', j.customs), 'customs'),
      j.holds.length ? fact(t('holds'), j.holds.map(heldDocument).join(', '), 'holds') : null,
    ),
    moves.length > 1 ? etaHistory(j, moves) : null,
    h('h3', {}, t('documents')),
    h(
      'ul',
      { class: 'documents', 'data-testid': 'documents' },
      ...j.documents.map((d) => {
        const status = j.documentStatuses.find((s) => s.document.type === d.type && s.document.ref === d.ref)?.status;
        return h(
          'li',
          {},
          `${code('document', d.type)} `,
          h('strong', {}, d.ref),
          status ? ` · ${code('documentStatus', status)}` : '',
        );
      }),
    ),
    h('h3', {}, t('routeMap')),
    map,
    h('h3', {}, t('legs')),
    h('ol', { class: 'legs', 'data-testid': 'legs' }, ...j.legs.map(legCard)),
    h('h3', {}, t('milestones')),
    milestoneList(j),
    share ?? null,
    ...(own === undefined ? [] : ownSections(own)),
  );
}

const route = (j: Journey) =>
  `${placeName(j.origin?.locode)} → ${placeName(j.destination?.locode)}${j.corridor ? ` · ${code('corridor', j.corridor)}` : ''}`;

/** "MANIFEST_HELD:MF-1" as "Manifest MF-1". */
function heldDocument(hold: string): string {
  const [kind, ref] = hold.split(':');
  return `${code('document', kind.replace(/_HELD$/, ''))} ${ref ?? ''}`.trim();
}

/** The plan the journey is measured against, and how far behind or ahead of it the arrival (or ETA) is. */
function planAndDelay(j: Journey): string {
  const plan = j.delayAgainst === 'SCHEDULE' ? j.scheduledArrival : j.plannedArrival;
  if (!plan) {
    return t('none');
  }
  const against = j.delayAgainst === 'SCHEDULE' ? t('againstSchedule') : t('againstWaybill');
  const delay = j.delayMinutes === null || j.delayMinutes === undefined ? '' : ` · ${lateness(j.delayMinutes)}`;
  return `${against} ${when(plan, j.destination?.locode)}${delay}`;
}

function etaHistory(j: Journey, moves: string[]): HTMLElement {
  const first = Date.parse(moves[0]);
  return h(
    'section',
    { 'aria-label': t('etaMoves') },
    h('h3', {}, t('etaMoves')),
    h(
      'ol',
      { class: 'eta-moves', 'data-testid': 'eta-moves' },
      ...moves.map((at, i) =>
        h(
          'li',
          {},
          h('time', { datetime: at }, when(at, j.destination?.locode)),
          i === 0 ? ` (${t('etaFirst')})` : ` (${moved(Math.round((Date.parse(at) - first) / 60_000))})`,
        ),
      ),
    ),
  );
}

/** A leg as a card: where from and to, on what, and its departure and arrival as planned, estimated and done. */
function legCard(l: Leg): HTMLElement {
  const row = (label: string, at: string | null | undefined, locode: string | undefined, kind: string) =>
    at
      ? h('div', {}, h('dt', {}, label), h('dd', {}, h('time', { datetime: at, class: kind }, when(at, locode))))
      : null;
  const from = l.from?.locode ?? undefined;
  const to = l.to?.locode ?? undefined;
  const delay = l.arrivalDelayMinutes ?? l.departureDelayMinutes;
  return h(
    'li',
    { class: 'leg card' },
    h('h4', {}, `${placeName(from, l.from?.facility)} → ${placeName(to, l.to?.facility)}`),
    h(
      'p',
      { class: 'vehicle' },
      vehicleName(l.conveyance),
      delay === null || delay === undefined ? '' : ` · ${lateness(delay)}`,
    ),
    h(
      'dl',
      { class: 'leg-times' },
      row(`${t('departure')} · ${t('planned')}`, l.plannedDeparture, from, 'pln'),
      row(`${t('departure')} · ${t('estimated')}`, l.estimatedDeparture, from, 'est'),
      row(`${t('departure')} · ${t('actual')}`, l.actualDeparture, from, 'act'),
      row(`${t('arrival')} · ${t('planned')}`, l.plannedArrival, to, 'pln'),
      row(`${t('arrival')} · ${t('estimated')}`, l.estimatedArrival, to, 'est'),
      row(`${t('arrival')} · ${t('actual')}`, l.actualArrival, to, 'act'),
    ),
  );
}

function milestoneList(j: Journey): HTMLElement {
  const milestones = [...j.milestones].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  if (milestones.length === 0) {
    return h('p', { 'data-testid': 'milestones' }, t('noMilestones'));
  }
  return h(
    'ol',
    { class: 'timeline', 'data-testid': 'milestones' },
    ...milestones.map((m) =>
      h(
        'li',
        { class: m.classifier.toLowerCase(), 'data-event-id': m.eventId, 'data-code': m.code },
        h('span', { class: `tag ${m.classifier.toLowerCase()}` }, code('classifier', m.classifier)),
        h('strong', {}, code('milestone', m.code)),
        m.place ? h('span', { class: 'place' }, placeName(m.place.locode, m.place.facility)) : null,
        m.conveyance ? h('span', { class: 'vehicle' }, vehicleName(m.conveyance)) : null,
        // A document's milestone has no place: its time is shown in the origin's zone (with the offset).
        h('time', { datetime: m.at }, when(m.at, m.place?.locode ?? j.origin?.locode)),
      ),
    ),
  );
}

function ownSections({ notices, timeline }: OwnView): HTMLElement[] {
  return [
    h('h3', {}, t('notices')),
    h(
      'ul',
      { 'data-testid': 'notices' },
      ...(notices.length === 0
        ? [h('li', {}, t('none'))]
        : notices.map((n) =>
            h(
              'li',
              { 'data-kind': n.kind },
              h('strong', {}, code('notice', n.kind)),
              ` · ${placeName(n.place?.locode)} · `,
              h('time', { datetime: n.at }, when(n.at, n.place?.locode)),
            ),
          )),
    ),
    h('h3', {}, t('audit')),
    h(
      'table',
      { class: 'audit', 'data-testid': 'audit' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...[t('event'), t('kind'), t('eventTime'), t('receivedAt'), t('source')].map((c) =>
            h('th', { scope: 'col' }, c),
          ),
        ),
      ),
      h(
        'tbody',
        {},
        ...timeline.map((e) =>
          h(
            'tr',
            { class: e.withdrawn ? 'withdrawn' : e.superseded ? 'superseded' : '' },
            h('td', { 'data-label': t('event') }, e.code ? code('milestone', e.code) : e.eventType),
            h('td', { 'data-label': t('kind') }, code('classifier', e.classifier)),
            h('td', { 'data-label': t('eventTime') }, when(e.eventDateTime, e.place?.locode)),
            h('td', { 'data-label': t('receivedAt') }, when(e.receivedAt)),
            h('td', { 'data-label': t('source') }, code('source', e.sourceSystem)),
          ),
        ),
      ),
    ),
  ];
}

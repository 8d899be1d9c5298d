import { ApiError, type Api } from './api';
import type { Journey, Notice, ShareLink, TimelineEntry } from './answers';
import { h, hours } from './dom';
import { t } from './i18n';
import { when } from './places';

const JOURNEY = `journeyId containerNo corridor status coldChain customs holds eta arrivedAt plannedArrival scheduledArrival delayMinutes delayAgainst
  origin { locode } destination { locode } currentPlace { locode }
  documents { type ref }
  legs { mode conveyance { key } from { locode } to { locode } plannedDeparture estimatedDeparture actualDeparture
    plannedArrival estimatedArrival actualArrival departureDelayMinutes arrivalDelayMinutes }
  milestones { code classifier at place { locode facility } eventId }`;
const DOCUMENT_TYPES = ['BILL_OF_LADING', 'WAYBILL', 'CIM_SMGS', 'MANIFEST'] as const;
const CONTAINER_NO = /^[A-Z]{4}\d{7}$/;
const CONVEYANCE_KEY = /^(RAIL|VESSEL|BARGE|TRUCK):/;

/** Error text a person understands, for what the API said. */
export function explain(error: unknown): string {
  if (error instanceof ApiError) {
    switch (error.code) {
      case 'UNAUTHENTICATED':
        return t('revoked');
      case 'NOT_FOUND':
        return t('noJourney');
      case 'FORBIDDEN':
        return t('forbidden');
      default:
        return error.message;
    }
  }
  return error instanceof Error ? error.message : String(error);
}

/** Journeys a search names: a container number, a conveyance key, or a document of any type. */
async function search(api: Api, text: string): Promise<Journey[]> {
  const term = text.trim().toUpperCase();
  if (CONTAINER_NO.test(term)) {
    const { journey } = await api.query<{ journey: Journey }>(
      `query ($c: ContainerNumber!) { journey(containerNo: $c) { ${JOURNEY} } }`,
      { c: term },
    );
    return [journey];
  }
  if (CONVEYANCE_KEY.test(term)) {
    const { journeysByConveyance } = await api.query<{ journeysByConveyance: Journey[] }>(
      `query ($k: String!) { journeysByConveyance(conveyanceKey: $k) { ${JOURNEY} } }`,
      { k: term },
    );
    return journeysByConveyance;
  }
  const found = await Promise.all(
    DOCUMENT_TYPES.map((type) =>
      api
        .query<{ journeysByDocument: Journey[] }>(
          `query ($d: DocumentInput!) { journeysByDocument(document: $d) { ${JOURNEY} } }`,
          { d: { type, ref: text.trim() } },
        )
        .then((r) => r.journeysByDocument),
    ),
  );
  return found.flat();
}

/** A shipper's or partner's tracking page: search, then the journey with its legs, milestones, notices and audit trail. */
export function tracking(api: Api, root: HTMLElement, initial: string | undefined): () => void {
  const input = h('input', { id: 'search', type: 'search', value: initial ?? '', 'aria-label': t('search') });
  const form = h(
    'form',
    { class: 'toolbar', role: 'search' },
    h('label', { for: 'search' }, t('search')),
    input,
    h('button', { type: 'submit' }, t('find')),
  );
  const result = h('div', { 'aria-live': 'polite' });
  root.replaceChildren(form, result);
  let stop: (() => void) | undefined;

  const show = async (term: string) => {
    stop?.();
    stop = undefined;
    try {
      const journeys = await search(api, term);
      if (journeys.length === 0) {
        result.replaceChildren(h('p', { class: 'error', role: 'alert' }, t('noJourney')));
      } else if (journeys.length === 1) {
        stop = await showJourney(api, result, journeys[0]);
      } else {
        result.replaceChildren(
          h('h2', {}, `${t('results')} (${journeys.length})`),
          h(
            'ul',
            {},
            ...journeys.map((j) =>
              h(
                'li',
                {},
                h('a', { href: `#/track/${j.containerNo}` }, j.containerNo),
                ` ${j.status}`,
                j.coldChain ? ` · ${t('coldChain')}` : '',
              ),
            ),
          ),
        );
      }
    } catch (error) {
      result.replaceChildren(h('p', { class: 'error', role: 'alert' }, explain(error)));
    }
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const hash = `#/track/${encodeURIComponent(input.value.trim())}`;
    if (location.hash === hash) {
      // The same search again (a container may have arrived since): search again, as a new hash would.
      void show(input.value.trim());
    } else {
      location.hash = hash;
    }
  });
  if (initial) {
    void show(initial);
  }
  return () => stop?.();
}

async function showJourney(api: Api, root: HTMLElement, first: Journey): Promise<() => void> {
  const render = async (journey: Journey) => {
    const [{ notices }, { timeline }] = await Promise.all([
      api.query<{ notices: Notice[] }>(
        'query ($c: ContainerNumber) { notices(containerNo: $c) { kind at place { locode } } }',
        {
          c: journey.containerNo,
        },
      ),
      api.query<{ timeline: { nodes: TimelineEntry[] } }>(
        'query ($c: ContainerNumber!) { timeline(containerNo: $c, first: 200) { nodes { eventId code classifier eventDateTime receivedAt sourceSystem superseded withdrawn } } }',
        { c: journey.containerNo },
      ),
    ]);
    root.replaceChildren(journeyView(journey, { notices, timeline: timeline.nodes }, share));
  };
  let current = first;
  // Made once, so a link it shows stays while the journey is drawn again.
  const share = shareButton(api, first);
  await render(current);
  const stopJourney = api.subscribe<{ journeyUpdated: { journey: Journey } }>(
    `subscription ($c: [ContainerNumber!]) { journeyUpdated(containerNos: $c) { journey { ${JOURNEY} } } }`,
    { c: [first.containerNo] },
    (data) => {
      if (data.journeyUpdated.journey.journeyId === first.journeyId) {
        current = data.journeyUpdated.journey;
        void render(current);
      }
    },
  );
  // A notice is issued after the journey update that called for it.
  const stopNotices = api.subscribe(
    'subscription ($c: [ContainerNumber!]) { noticeIssued(containerNos: $c) { noticeId } }',
    { c: [first.containerNo] },
    () => void render(current),
  );
  return () => {
    stopJourney();
    stopNotices();
  };
}

const classifierWord = (c: string) => (c === 'PLN' ? t('planned') : c === 'EST' ? t('estimated') : t('actual'));

/** A journey's page; `own`: the notices and audit trail that an API key's holder also sees (not a shared link). */
export function journeyView(
  j: Journey,
  own?: { notices: Notice[]; timeline: TimelineEntry[] },
  share?: Node,
): HTMLElement {
  const fact = (label: string, value: Node | string, id: string) =>
    h('div', {}, h('dt', {}, label), h('dd', { 'data-testid': id }, value));
  const milestones = [...j.milestones].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return h(
    'article',
    { class: 'journey', 'data-journey-id': j.journeyId },
    h(
      'h2',
      {},
      `${t('journey')} ${j.containerNo} `,
      j.coldChain ? h('span', { class: 'badge', 'data-testid': 'cold-chain' }, t('coldChain')) : null,
    ),
    h(
      'dl',
      { class: 'facts' },
      fact(t('status'), j.status, 'status'),
      fact(t('route'), `${j.origin?.locode ?? '?'} → ${j.destination?.locode ?? '?'} (${j.corridor ?? '—'})`, 'route'),
      j.arrivedAt ? fact(t('arrived'), when(j.arrivedAt), 'arrived') : fact(t('eta'), when(j.eta), 'eta'),
      fact(t('delay'), delayAgainstPlan(j), 'delay'),
      fact(t('customs'), j.customs, 'customs'),
      fact(t('holds'), j.holds.length ? j.holds.join(', ') : t('none'), 'holds'),
    ),
    h('h3', {}, t('legs')),
    h(
      'table',
      { class: 'legs' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...[
            '',
            '',
            t('delay'),
            `${t('planned')} ↦`,
            `${t('estimated')} ↦`,
            `${t('actual')} ↦`,
            `↦ ${t('planned')}`,
            `↦ ${t('estimated')}`,
            `↦ ${t('actual')}`,
          ].map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      h(
        'tbody',
        {},
        ...j.legs.map((l) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, `${l.from?.locode ?? '?'} → ${l.to?.locode ?? '?'}`),
            h('td', {}, l.conveyance.key),
            h('td', { class: 'delay' }, legDelay(l)),
            ...[
              l.plannedDeparture,
              l.estimatedDeparture,
              l.actualDeparture,
              l.plannedArrival,
              l.estimatedArrival,
              l.actualArrival,
            ].map((x, i) => h('td', { class: ['pln', 'est', 'act'][i % 3] }, when(x))),
          ),
        ),
      ),
    ),
    h('h3', {}, t('milestones')),
    h(
      'ol',
      { class: 'timeline', 'data-testid': 'milestones' },
      ...milestones.map((m) =>
        h(
          'li',
          { class: m.classifier.toLowerCase(), 'data-event-id': m.eventId },
          h('span', { class: `tag ${m.classifier.toLowerCase()}` }, classifierWord(m.classifier)),
          h('strong', {}, m.code),
          ` ${m.place ? `${m.place.locode}${m.place.facility ? `/${m.place.facility}` : ''}` : ''} `,
          h('time', { datetime: m.at }, when(m.at)),
        ),
      ),
    ),
    share ?? null,
    ...(own === undefined ? [] : ownSections(own.notices, own.timeline)),
  );
}

function ownSections(notices: Notice[], timeline: TimelineEntry[]): HTMLElement[] {
  return [
    h('h3', {}, t('notices')),
    h(
      'ul',
      { 'data-testid': 'notices' },
      ...(notices.length === 0
        ? [h('li', {}, t('none'))]
        : notices.map((n) =>
            h('li', {}, `${n.kind} ${n.place?.locode ?? ''} `, h('time', { datetime: n.at }, when(n.at))),
          )),
    ),
    h('h3', {}, t('audit')),
    h(
      'table',
      { class: 'audit', 'data-testid': 'audit' },
      h(
        'tbody',
        {},
        ...timeline.map((e) =>
          h(
            'tr',
            { class: e.withdrawn ? 'withdrawn' : e.superseded ? 'superseded' : '' },
            h('td', {}, e.code ?? ''),
            h('td', {}, e.classifier),
            h('td', {}, when(e.eventDateTime)),
            h('td', {}, `${t('received')} ${when(e.receivedAt)}`),
            h('td', {}, e.sourceSystem),
          ),
        ),
      ),
    ),
  ];
}

/** Makes a read-only link to the journey, valid for three days, and shows it to copy. */
function shareButton(api: Api, journey: Journey): HTMLElement {
  const button = h('button', { type: 'button' }, t('share'));
  const out = h('p', { 'aria-live': 'polite' });
  button.addEventListener('click', () => {
    api
      .query<{ shareJourney: ShareLink }>(
        'mutation ($c: ContainerNumber!, $d: DocumentInput) { shareJourney(containerNo: $c, document: $d, hours: 72) { path expiresAt } }',
        { c: journey.containerNo, d: journey.documents[0] ?? null },
      )
      .then(({ shareJourney }) => {
        const url = `${location.origin}${shareJourney.path}`;
        out.replaceChildren(
          h('label', { for: 'share-url' }, `${t('shareLink')} (${t('expires')} ${when(shareJourney.expiresAt)}) `),
          h('input', { id: 'share-url', readonly: true, value: url, size: 60 }),
        );
      })
      .catch((error: unknown) => out.replaceChildren(h('span', { class: 'error', role: 'alert' }, explain(error))));
  });
  return h('div', { class: 'share' }, button, out);
}

/** The page of a shared link: the journey, read-only, without an API key; it follows the journey every 10 s. */
export function sharedJourney(root: HTMLElement, token: string): () => void {
  const show = async () => {
    const response = await fetch(`/share/${encodeURIComponent(token)}`);
    if (response.status === 410) {
      root.replaceChildren(h('p', { class: 'error', role: 'alert' }, t('linkExpired')));
      return false;
    }
    if (!response.ok) {
      root.replaceChildren(h('p', { class: 'error', role: 'alert' }, t('linkUnknown')));
      return false;
    }
    const { journey, expiresAt } = (await response.json()) as { journey: Journey; expiresAt: string };
    root.replaceChildren(h('p', { class: 'note' }, `${t('sharedView')} ${when(expiresAt)}`), journeyView(journey));
    return true;
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const loop = () =>
    void show()
      .catch(() => root.replaceChildren(h('p', { class: 'error', role: 'alert' }, t('retrying'))))
      .then((again) => {
        // A read still under way when the page is left schedules nothing.
        if (again !== false && !stopped) {
          timer = setTimeout(loop, 10_000);
        }
      });
  loop();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/** The journey's delay with the plan it is measured against: the schedule's arrival, else the waybill's. */
function delayAgainstPlan(j: Journey): string {
  if (
    j.delayMinutes === null ||
    j.delayMinutes === undefined ||
    j.delayAgainst === null ||
    j.delayAgainst === undefined
  ) {
    return t('none');
  }
  const plan = j.delayAgainst === 'SCHEDULE' ? j.scheduledArrival : j.plannedArrival;
  const against = j.delayAgainst === 'SCHEDULE' ? t('againstSchedule') : t('againstWaybill');
  return `${hours(j.delayMinutes, t('hours'))} (${against} ${when(plan)})`;
}

/** A leg's arrival delay, else its departure delay, against its planned times. */
function legDelay(l: Journey['legs'][number]): string {
  const minutes = l.arrivalDelayMinutes ?? l.departureDelayMinutes;
  return minutes === null || minutes === undefined ? '' : hours(minutes, t('hours'));
}

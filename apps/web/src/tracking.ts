import { ApiError, type Api } from './api';
import type { Journey, Notice, ShareLink, TimelineEntry } from './answers';
import { h } from './dom';
import { code, t } from './i18n';
import { journeyView } from './journey-view';
import { placeName, when } from './places';
import { routeMap } from './route-map';

const VEHICLE = 'conveyance { mode key trainNo name voyage }';
const JOURNEY = `journeyId containerNo corridor status coldChain customs holds eta arrivedAt plannedArrival scheduledArrival
  delayMinutes delayAgainst lastActualEventAt
  origin { locode } destination { locode } currentPlace { locode facility }
  documents { type ref } documentStatuses { document { type ref } status }
  latestMovement { code at place { locode facility } ${VEHICLE} }
  legs { mode ${VEHICLE} from { locode facility } to { locode facility } plannedDeparture estimatedDeparture
    actualDeparture plannedArrival estimatedArrival actualArrival departureDelayMinutes arrivalDelayMinutes }
  milestones { code classifier at place { locode facility } ${VEHICLE} eventId }`;
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
                ` · ${code('status', j.status)} · ${placeName(j.currentPlace?.locode)}`,
                j.arrivedAt ? '' : ` · ${t('eta')} ${when(j.eta, j.destination?.locode)}`,
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
  let disposeMap: (() => void) | undefined;
  const render = async (journey: Journey) => {
    const [{ notices }, { timeline }] = await Promise.all([
      api.query<{ notices: Notice[] }>(
        'query ($c: ContainerNumber) { notices(containerNo: $c) { kind at place { locode } } }',
        { c: journey.containerNo },
      ),
      api.query<{ timeline: { nodes: TimelineEntry[] } }>(
        `query ($c: ContainerNumber!) { timeline(containerNo: $c, first: 200) { nodes {
          eventId eventType code classifier eventDateTime sentAt receivedAt sourceSystem superseded withdrawn place { locode } } } }`,
        { c: journey.containerNo },
      ),
    ]);
    const map = routeMap(journey);
    root.replaceChildren(journeyView(journey, map.element, { notices, timeline: timeline.nodes }, share));
    disposeMap?.();
    disposeMap = map.dispose;
    map.draw();
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
    disposeMap?.();
  };
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
          copyButton(url),
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
    disposeMap?.();
    const map = routeMap(journey);
    disposeMap = map.dispose;
    root.replaceChildren(
      h('p', { class: 'note' }, `${t('sharedView')} ${when(expiresAt)}`),
      journeyView(journey, map.element),
    );
    map.draw();
    return true;
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let disposeMap: (() => void) | undefined;
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
    disposeMap?.();
  };
}

/** Copies the link; where the browser does not allow it, says so (the link stays selectable beside it). */
function copyButton(url: string): HTMLElement {
  const button = h('button', { type: 'button' }, t('copy'));
  const said = h('span', { role: 'status' });
  button.addEventListener('click', () => {
    navigator.clipboard.writeText(url).then(
      () => said.replaceChildren(` ${t('copied')}`),
      () => said.replaceChildren(h('span', { class: 'error' }, ` ${t('copyFailed')}`)),
    );
  });
  return h('span', { class: 'copy' }, button, said);
}

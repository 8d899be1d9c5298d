import {
  containerNoProblem,
  conveyanceKey,
  CORRIDOR_TERMINI,
  GAUGE_CHANGE_LOCODES,
  placeProblem,
  RAW_TOPICS,
  TOPICS,
  type Place,
  type RawLoading,
  type RawMessage,
} from '@mmt/contracts';
import { ORGANISATIONS } from './organisations';
import { DEFAULT_SIMULATION, simulate } from './simulate';
import { INVALID_REASONS, type Simulation, type SimulationOptions } from './types';

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const DAY = 86_400_000;
const TOPIC_OF_KIND: Record<RawMessage['kind'], string> = {
  IN_TRANSIT: TOPICS.rawInTransit,
  MANIFEST: TOPICS.rawManifest,
  WAYBILL: TOPICS.rawWaybill,
  LOADING: TOPICS.rawLoading,
  SCHEDULE: TOPICS.rawSchedule,
};

const options = (overrides: Partial<SimulationOptions> = {}): SimulationOptions => ({
  ...DEFAULT_SIMULATION,
  ...overrides,
});

function containersOf(message: RawMessage): string[] {
  switch (message.kind) {
    case 'IN_TRANSIT':
      return message.containerNo === undefined ? [] : [message.containerNo];
    case 'LOADING':
      return [message.containerNo];
    case 'MANIFEST':
    case 'WAYBILL':
      return message.containers.map((c) => c.containerNo);
    case 'SCHEDULE':
      return [];
  }
}

function placesOf(message: RawMessage): Place[] {
  switch (message.kind) {
    case 'IN_TRANSIT':
      return [message.location, ...(message.estimatedArrival ? [message.estimatedArrival.location] : [])];
    case 'LOADING':
      return [message.location];
    case 'MANIFEST':
      return [message.placeOfLoading, message.placeOfDischarge];
    case 'WAYBILL':
      return [message.origin, message.destination];
    case 'SCHEDULE':
      return message.transportCalls.map((call) => call.location);
  }
}

function timesOf(message: RawMessage): string[] {
  const times = [message.sentAt, message.eventTime];
  if (message.kind === 'IN_TRANSIT' && message.estimatedArrival) {
    times.push(message.estimatedArrival.time);
  }
  if (message.kind === 'WAYBILL') {
    times.push(message.plannedDeparture ?? '', message.plannedArrival ?? '');
  }
  if (message.kind === 'SCHEDULE') {
    message.transportCalls.forEach((c) =>
      times.push(...[c.plannedArrival, c.plannedDeparture].flatMap((t) => t ?? [])),
    );
  }
  return times;
}

/** A light stand-in for the normalizer's validator: what is wrong with a supposedly valid message. */
function problemsOf(message: RawMessage): string[] {
  const problems: string[] = [];
  for (const no of containersOf(message)) {
    const problem = containerNoProblem(no);
    if (problem) {
      problems.push(problem);
    }
  }
  for (const place of placesOf(message)) {
    const problem = placeProblem(place);
    if (problem) {
      problems.push(problem);
    }
  }
  for (const time of timesOf(message)) {
    if (!ISO_WITH_OFFSET.test(time)) {
      problems.push(`time without offset: ${time}`);
    }
  }
  const sent = Date.parse(message.sentAt);
  const event = Date.parse(message.eventTime);
  if (!(event > Date.parse('2000-01-01T00:00:00Z') && event <= sent + 400 * DAY)) {
    problems.push(`eventTime ${message.eventTime} out of range for sentAt ${message.sentAt}`);
  }
  if (message.kind === 'IN_TRANSIT') {
    if (message.status !== 'PASSED' && message.conveyance === undefined) {
      problems.push('DEPARTED/ARRIVED without conveyance');
    }
    if (message.conveyance === undefined && message.containerNo === undefined) {
      problems.push('neither conveyance nor containerNo');
    }
  }
  if ((message.kind === 'MANIFEST' || message.kind === 'WAYBILL') && message.containers.length > 500) {
    problems.push('more than 500 containers');
  }
  if (
    message.kind === 'WAYBILL' &&
    Date.parse(message.plannedArrival ?? '') <= Date.parse(message.plannedDeparture ?? '')
  ) {
    problems.push('plannedArrival not after plannedDeparture');
  }
  return problems;
}

function parse(value: Buffer): RawMessage {
  return JSON.parse(value.toString('utf8')) as RawMessage;
}

function conveyanceOf(message: RawMessage): string | undefined {
  if (message.kind === 'WAYBILL' || message.conveyance === undefined) {
    return undefined;
  }
  return conveyanceKey(message.conveyance);
}

/** Where in `sent` each conveyance last moved (any message about it but its manifest). */
function lastMovementOf(sent: readonly RawMessage[]): Map<string, number> {
  const lastMovement = new Map<string, number>();
  sent.forEach((m, i) => {
    const key = conveyanceOf(m);
    if (key !== undefined && m.kind !== 'MANIFEST') {
      lastMovement.set(key, i);
    }
  });
  return lastMovement;
}

function validSent(simulation: Simulation): RawMessage[] {
  return simulation.messages.filter((m) => m.valid).map((m) => parse(m.value));
}

/** Where the sources' order breaks the rules: a document after a movement, an estimate after the actual. */
function orderProblems(simulation: Simulation): string[] {
  const problems: string[] = [];
  const firstDocument = new Map<string, number>();
  const firstMovement = new Map<string, number>();
  const actualArrival = new Map<string, number>();
  const arrivalKey = (m: RawMessage): string =>
    m.kind === 'IN_TRANSIT' ? `${m.containerNo}|${conveyanceOf(m)}|${m.location.locode}` : '';
  simulation.validMessages.forEach((message, i) => {
    const target = message.kind === 'WAYBILL' || message.kind === 'MANIFEST' ? firstDocument : firstMovement;
    for (const no of containersOf(message)) {
      if (!target.has(no)) {
        target.set(no, i);
      }
    }
    if (message.kind === 'IN_TRANSIT' && message.status === 'ARRIVED' && message.classifier === 'ACT') {
      actualArrival.set(arrivalKey(message), i);
    }
  });
  for (const no of simulation.containers) {
    if (!((firstDocument.get(no) ?? Infinity) < (firstMovement.get(no) ?? -1))) {
      problems.push(`${no}: a movement before its first document`);
    }
  }
  simulation.validMessages.forEach((message, i) => {
    if (message.kind === 'IN_TRANSIT' && message.classifier === 'EST') {
      if (!(i < (actualArrival.get(arrivalKey(message)) ?? -1))) {
        problems.push(`${message.messageId}: estimate not before the actual arrival`);
      }
    }
  });
  return problems;
}

describe(simulate.name, () => {
  const plain = simulate(options({ journeys: 200, seed: 7 }));
  const perConveyance = simulate(options({ journeys: 200, seed: 7, conveyanceReports: true }));

  it('is deterministic for a seed', () => {
    const again = simulate(options({ journeys: 200, seed: 7 }));
    expect(again.messages.map((m) => [m.topic, m.key, m.value.toString()])).toEqual(
      plain.messages.map((m) => [m.topic, m.key, m.value.toString()]),
    );
    const other = simulate(options({ journeys: 200, seed: 8 }));
    expect(other.containers).not.toEqual(plain.containers);
  });

  it('keeps the same valid traffic whatever the disorder', () => {
    const disordered = simulate(
      options({ journeys: 200, seed: 7, shuffle: 0.3, duplicates: 0.2, lateManifests: 1, invalid: 0.1 }),
    );
    expect(disordered.validMessages).toEqual(plain.validMessages);
    const sent = new Map(validSent(disordered).map((m) => [m.messageId, m]));
    expect(sent.size).toBe(plain.validMessages.length);
    for (const message of plain.validMessages) {
      expect(sent.get(message.messageId)).toEqual(message);
    }
  });

  it.each([0, 1, 39, 40, 60, 137, 300])('spreads %i journeys over the corridors, adding up', (journeys) => {
    const simulation = simulate(options({ journeys, seed: journeys + 3 }));
    const counts = Object.values(simulation.journeysByCorridor);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(journeys);
    expect(simulation.containers).toHaveLength(journeys);
    expect(new Set(simulation.containers).size).toBe(journeys);
  });

  it('uses all three corridors for the default 60 journeys', () => {
    const { journeysByCorridor } = simulate(DEFAULT_SIMULATION);
    expect(journeysByCorridor.CHINA_EUROPE_RAIL).toBeGreaterThanOrEqual(40);
    expect(journeysByCorridor.LAND_SEA_CORRIDOR).toBeGreaterThan(0);
    expect(journeysByCorridor.YANGTZE_RIVER_SEA).toBeGreaterThan(0);
  });

  it('runs China-Europe block trains of 40-50 containers, changing gauge twice', () => {
    const manifests = plain.validMessages.filter((m) => m.kind === 'MANIFEST' && m.source === 'CHINA_EUROPE_RAIL');
    expect(manifests.length).toBeGreaterThan(0);
    const trainSize = new Map<string, Set<string>>();
    for (const message of plain.validMessages) {
      const key = conveyanceOf(message);
      if (message.source !== 'CHINA_EUROPE_RAIL' || key === undefined) {
        continue;
      }
      const set = trainSize.get(key) ?? new Set<string>();
      containersOf(message).forEach((no) => set.add(no));
      trainSize.set(key, set);
    }
    for (const [, members] of trainSize) {
      expect(members.size).toBeGreaterThanOrEqual(40);
      expect(members.size).toBeLessThanOrEqual(50);
    }
    const manifested = new Set(manifests.map((m) => (m.kind === 'MANIFEST' ? conveyanceKey(m.conveyance) : '')));
    const firstTrains = [...trainSize].filter(([key]) => manifested.has(key));
    expect(trainSize.size).toBe(firstTrains.length * 3);
    expect(firstTrains.reduce((sum, [, members]) => sum + members.size, 0)).toBe(
      plain.journeysByCorridor.CHINA_EUROPE_RAIL,
    );
    const transfers = plain.validMessages.filter((m) => m.kind === 'LOADING' && m.operation === 'TRANSFER');
    expect(transfers).toHaveLength(plain.journeysByCorridor.CHINA_EUROPE_RAIL * 2);
    for (const transfer of transfers) {
      expect(GAUGE_CHANGE_LOCODES).toContain(transfer.kind === 'LOADING' ? transfer.location.locode : '');
    }
  });

  it('routes each corridor through its real places', () => {
    const locodesBySource = new Map<string, Set<string>>();
    for (const message of plain.validMessages) {
      const set = locodesBySource.get(message.source) ?? new Set<string>();
      placesOf(message).forEach((p) => set.add(`${p.locode}/${p.facility ?? ''}`));
      locodesBySource.set(message.source, set);
    }
    expect([...(locodesBySource.get('CHINA_EUROPE_RAIL') ?? [])]).toEqual(
      expect.arrayContaining(['CNCQI/TJC', 'BYBQT/BRS', 'PLMAA/MLT']),
    );
    expect([...(locodesBySource.get('LAND_SEA_CORRIDOR') ?? [])]).toEqual(expect.arrayContaining(['CNQZH/QZE']));
    expect([...(locodesBySource.get('COASTAL_PORT') ?? [])]).toEqual(
      expect.arrayContaining(['CNQZH/QCT', 'SGSIN/PPT', 'CNCHQ/GYT']),
    );
    const vesselLoads = plain.validMessages.filter(
      (m) => m.kind === 'LOADING' && m.operation === 'LOAD' && m.conveyance?.mode === 'VESSEL',
    );
    expect(vesselLoads.length).toBe(
      plain.journeysByCorridor.LAND_SEA_CORRIDOR + plain.journeysByCorridor.YANGTZE_RIVER_SEA,
    );
  });

  it.each([
    ['per container', plain],
    ['per conveyance', perConveyance],
  ])('sends only messages a strict validator accepts (%s reports)', (_, simulation) => {
    const problems = simulation.validMessages.flatMap((m) => problemsOf(m).map((p) => `${m.messageId}: ${p}`));
    expect(problems).toEqual([]);
    for (const message of simulation.messages) {
      expect(message.topic).toBe(TOPIC_OF_KIND[parse(message.value).kind]);
    }
  });

  it('names only the fixed organisations as parties', () => {
    const known = new Set(ORGANISATIONS.map((o) => o.orgId));
    for (const message of plain.validMessages) {
      if (message.kind === 'WAYBILL') {
        expect(known).toContain(message.shipper.orgId);
        expect(known).toContain(message.consignee.orgId);
      }
      if (message.kind === 'MANIFEST') {
        expect(known).toContain(message.carrier.orgId);
      }
    }
  });

  it('gives valid messages unique messageIds and keys them as sources do', () => {
    const ids = plain.validMessages.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const sent of plain.messages) {
      const message = parse(sent.value);
      switch (message.kind) {
        case 'WAYBILL':
          expect(sent.key).toBe(message.documentNo);
          break;
        case 'MANIFEST':
          expect(sent.key).toBe(message.manifestNo);
          break;
        case 'LOADING':
          expect(sent.key).toBe(message.containerNo);
          break;
        case 'IN_TRANSIT':
          expect(sent.key).toBe(message.containerNo ?? conveyanceOf(message));
          break;
        case 'SCHEDULE':
          expect(sent.key).toBe(conveyanceOf(message));
          break;
      }
    }
  });

  it('sends documents before movements and estimates before actuals', () => {
    expect(orderProblems(plain)).toEqual([]);
    expect(plain.validMessages.some((m) => m.kind === 'IN_TRANSIT' && m.classifier === 'EST')).toBe(true);
  });

  it.each([false, true])('holds every invariant across seeds (conveyanceReports %s)', (conveyanceReports) => {
    for (let seed = 100; seed < 120; seed += 1) {
      const simulation = simulate(options({ journeys: 60, seed, conveyanceReports }));
      const problems = simulation.validMessages.flatMap((m) => problemsOf(m));
      expect({ seed, problems: [...problems, ...orderProblems(simulation)] }).toEqual({ seed, problems: [] });
    }
  });

  it('reports per conveyance when asked, every conveyance established by a manifest or a loading', () => {
    const inTransit = perConveyance.validMessages.filter((m) => m.kind === 'IN_TRANSIT');
    expect(inTransit.length).toBeGreaterThan(0);
    const established = new Set<string>();
    for (const message of perConveyance.validMessages) {
      if (message.kind === 'MANIFEST') {
        established.add(conveyanceKey(message.conveyance));
      }
      if (message.kind === 'LOADING' && (message.operation === 'LOAD' || message.operation === 'TRANSFER')) {
        established.add(conveyanceOf(message) ?? '');
      }
    }
    for (const message of inTransit) {
      expect(message.kind === 'IN_TRANSIT' ? message.containerNo : 'not in transit').toBeUndefined();
      expect(established).toContain(conveyanceOf(message));
    }
    expect(inTransit.length).toBeLessThan(plain.validMessages.filter((m) => m.kind === 'IN_TRANSIT').length / 10);
  });

  it('re-sends duplicates with the same bytes', () => {
    const simulation = simulate(options({ journeys: 100, seed: 3, duplicates: 0.2, shuffle: 0.1 }));
    const byId = new Map<string, Buffer[]>();
    for (const message of simulation.messages.filter((m) => m.valid)) {
      const id = parse(message.value).messageId;
      byId.set(id, [...(byId.get(id) ?? []), message.value]);
    }
    let extra = 0;
    for (const [, copies] of byId) {
      extra += copies.length - 1;
      copies.forEach((copy) => expect(copy.equals(copies[0])).toBe(true));
    }
    expect(byId.size).toBe(simulation.validMessages.length);
    expect(extra).toBe(Math.round(0.2 * simulation.validMessages.length));
  });

  it('adds flagged invalid messages in the asked share, each with one clear defect', () => {
    const simulation = simulate(options({ journeys: 100, seed: 5, invalid: 0.1 }));
    const invalid = simulation.messages.filter((m) => !m.valid);
    expect(Math.abs(invalid.length - 0.1 * simulation.validMessages.length)).toBeLessThanOrEqual(1);
    expect(new Set(invalid.map((m) => m.invalidReason))).toEqual(new Set(INVALID_REASONS));
    const validIds = new Set(simulation.validMessages.map((m) => m.messageId));
    for (const message of invalid) {
      const text = message.value.toString('utf8');
      if (message.invalidReason === 'not-json') {
        expect(() => JSON.parse(text) as unknown).toThrow();
        continue;
      }
      const body = JSON.parse(text) as RawMessage;
      expect(validIds).not.toContain(body.messageId);
      switch (message.invalidReason) {
        case 'check-digit':
          expect(containersOf(body).some((no) => containerNoProblem(no)?.includes('check digit'))).toBe(true);
          break;
        case 'unknown-locode':
          expect(placesOf(body).some((p) => p.locode === 'XXZZZ')).toBe(true);
          break;
        case 'no-offset':
          expect(body.eventTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
          break;
        case 'wrong-kind':
          expect(message.topic).not.toBe(TOPIC_OF_KIND[body.kind]);
          expect(RAW_TOPICS).toContain(message.topic);
          expect(problemsOf(body)).toEqual([]);
          break;
        case 'missing-field':
          expect(Object.keys(body).length).toBeLessThan(
            Object.keys(simulation.validMessages.find((m) => body.messageId.startsWith(`${m.messageId}-`)) ?? {})
              .length,
          );
          break;
        case undefined:
          throw new Error(`unexpected reason ${String(message.invalidReason)}`);
      }
    }
  });

  it.each([false, true])(
    'sends late manifests after every movement of their conveyance (conveyanceReports %s)',
    (conveyanceReports) => {
      const simulation = simulate(options({ journeys: 150, seed: 11, lateManifests: 1, conveyanceReports }));
      const sent = simulation.messages.map((m) => parse(m.value));
      const lastMovement = lastMovementOf(sent);
      let manifests = 0;
      sent.forEach((m, i) => {
        if (m.kind === 'MANIFEST') {
          manifests += 1;
          expect(i).toBeGreaterThan(lastMovement.get(conveyanceKey(m.conveyance)) ?? Infinity);
        }
      });
      expect(manifests).toBeGreaterThan(0);
    },
  );

  it('delays about the asked share of manifests', () => {
    const simulation = simulate(options({ journeys: 300, seed: 2, lateManifests: 0.5 }));
    const sent = simulation.messages.map((m) => parse(m.value));
    const lastMovement = lastMovementOf(sent);
    const late = new Map<string, boolean>();
    sent.forEach((m, i) => {
      if (m.kind === 'MANIFEST') {
        late.set(m.manifestNo, i > (lastMovement.get(conveyanceKey(m.conveyance)) ?? Infinity));
      }
    });
    const lateCount = [...late.values()].filter(Boolean).length;
    expect(lateCount).toBe(Math.round(late.size * 0.5));
  });

  it('displaces about the asked share of messages when shuffling', () => {
    const simulation = simulate(options({ journeys: 100, seed: 4, shuffle: 0.2 }));
    const order = simulation.messages.map((m) => parse(m.value).messageId);
    const original = simulation.validMessages.map((m) => m.messageId);
    expect([...order].sort()).toEqual([...original].sort());
    const moved = order.filter((id, i) => id !== original[i]).length;
    expect(moved).toBeGreaterThan(0.1 * order.length);
  });

  it('generates 300 journeys with every kind of disorder in well under 2 s', () => {
    const started = performance.now();
    const simulation = simulate(
      options({ journeys: 300, seed: 9, shuffle: 0.2, duplicates: 0.1, lateManifests: 0.5, invalid: 0.05 }),
    );
    expect(performance.now() - started).toBeLessThan(1500);
    expect(simulation.containers).toHaveLength(300);
  });

  it("rolls some Land-Sea containers over at Qinzhou: on the planned vessel's manifest, loaded on the next", () => {
    const { validMessages, truth } = simulate(options({ journeys: 600, seed: 11 }));
    expect(truth.missedConnections.length).toBeGreaterThan(0);
    for (const missed of truth.missedConnections) {
      const loads = validMessages.filter(
        (m) => m.kind === 'LOADING' && m.operation === 'LOAD' && m.containerNo === missed.containerNo,
      );
      const loadedOn = loads.map((m) => (m.kind === 'LOADING' && m.conveyance ? conveyanceKey(m.conveyance) : ''));
      expect(loadedOn).toContain(missed.conveyanceKey);
      expect(loadedOn).not.toContain(missed.plannedConveyanceKey);
      const onManifest = (key: string) =>
        validMessages.some(
          (m) =>
            m.kind === 'MANIFEST' &&
            conveyanceKey(m.conveyance) === key &&
            m.containers.some((c) => c.containerNo === missed.containerNo),
        );
      expect([onManifest(missed.plannedConveyanceKey), onManifest(missed.conveyanceKey)]).toEqual([true, true]);
    }
  });

  it('leaves some loaded containers off their train or barge manifest', () => {
    const { validMessages, truth } = simulate(options({ journeys: 600, seed: 11 }));
    expect(truth.undeclaredLoads.length).toBeGreaterThan(0);
    for (const left of truth.undeclaredLoads) {
      const manifests = validMessages.filter(
        (m) => m.kind === 'MANIFEST' && conveyanceKey(m.conveyance) === left.conveyanceKey,
      );
      expect(manifests.length).toBeGreaterThan(0);
      expect(
        manifests.some((m) => m.kind === 'MANIFEST' && m.containers.some((c) => c.containerNo === left.containerNo)),
      ).toBe(false);
      const loaded = validMessages.some(
        (m) =>
          m.kind === 'LOADING' &&
          m.operation === 'LOAD' &&
          m.containerNo === left.containerNo &&
          m.conveyance !== undefined &&
          conveyanceKey(m.conveyance) === left.conveyanceKey,
      );
      expect(loaded).toBe(true);
    }
  });

  it('has every released container declared first, by a broker of the port', () => {
    const { validMessages } = simulate(options({ journeys: 200, seed: 5 }));
    const loading = validMessages.filter((m) => m.kind === 'LOADING');
    const released = loading.filter((m) => m.kind === 'LOADING' && m.operation === 'CUSTOMS_RELEASED');
    expect(released.length).toBeGreaterThan(0);
    const brokers = new Set<string>();
    for (const release of released) {
      const declaration = loading.find(
        (m) =>
          m.kind === 'LOADING' &&
          m.operation === 'CUSTOMS_DECLARED' &&
          m.containerNo === (release.kind === 'LOADING' ? release.containerNo : ''),
      );
      expect(declaration?.kind === 'LOADING' && declaration.customsBroker?.orgId).toMatch(/^org-brk-/);
      expect(Date.parse(declaration!.kind === 'LOADING' ? declaration!.eventTime : '')).toBeLessThanOrEqual(
        Date.parse(release.kind === 'LOADING' ? release.eventTime : ''),
      );
      brokers.add(declaration?.kind === 'LOADING' ? (declaration.customsBroker?.orgId ?? '') : '');
    }
    expect(brokers.size).toBeGreaterThan(2);
  });

  it('ends each China-Europe container with its pick-up or, for some, its stripping after release there', () => {
    const { validMessages, journeysByCorridor } = simulate(options({ journeys: 200, seed: 5 }));
    const loading = validMessages.filter((m): m is RawLoading => m.kind === 'LOADING');
    const destinations = new Set(CORRIDOR_TERMINI.CHINA_EUROPE_RAIL.destinations);
    const ends = loading.filter(
      (m) => m.source === 'CHINA_EUROPE_RAIL' && (m.operation === 'GATE_OUT' || m.operation === 'STRIPPING'),
    );
    expect(ends).toHaveLength(journeysByCorridor.CHINA_EUROPE_RAIL);
    const at = (m: RawLoading, operation: RawLoading['operation']) =>
      loading.find(
        (o) => o.containerNo === m.containerNo && o.operation === operation && o.location.locode === m.location.locode,
      );
    for (const end of ends) {
      expect(destinations.has(end.location.locode)).toBe(true);
      expect(Date.parse(at(end, 'CUSTOMS_RELEASED')!.eventTime)).toBeLessThan(Date.parse(end.eventTime));
      if (end.operation === 'STRIPPING') {
        expect(Date.parse(at(end, 'GATE_IN')!.eventTime)).toBeLessThan(Date.parse(end.eventTime));
      }
    }
    const stripped = ends.filter((m) => m.operation === 'STRIPPING').length / ends.length;
    expect(stripped).toBeGreaterThan(0.15);
    expect(stripped).toBeLessThan(0.45);
  });

  it("records every container's trip: legs chained from its document's origin to its destination", () => {
    const { truth } = simulate(options({ journeys: 300, seed: 11 }));
    expect(truth.trips.map((t) => t.containerNo).sort()).toEqual(
      simulate(options({ journeys: 300, seed: 11 }))
        .containers.slice()
        .sort(),
    );
    for (const trip of truth.trips) {
      expect(trip.legs[0].from).toBe(trip.origin);
      expect(trip.legs.at(-1)!.to).toBe(trip.destination);
      trip.legs.forEach((leg, i) => {
        expect(Date.parse(leg.arrivedAt!)).toBeGreaterThan(Date.parse(leg.departedAt));
        if (i > 0) {
          expect(leg.from).toBe(trip.legs[i - 1].to);
          expect(Date.parse(leg.departedAt)).toBeGreaterThan(Date.parse(trip.legs[i - 1].arrivedAt!));
        }
      });
    }
    const yangtze = truth.trips.filter((t) => t.corridor === 'YANGTZE_RIVER_SEA');
    expect(yangtze.length).toBeGreaterThan(0);
    // Through bills of lading: by barge to Shanghai or Ningbo, on by ocean vessel to Singapore.
    for (const trip of yangtze) {
      expect(trip.legs.map((leg) => leg.conveyanceKey.split(':')[0])).toEqual(['BARGE', 'VESSEL']);
      expect(['CNSGH', 'CNNBO']).toContain(trip.legs[0].to);
      expect(trip.destination).toBe('SGSIN');
    }
  });

  it('rejects options out of range', () => {
    expect(() => simulate(options({ journeys: -1 }))).toThrow(RangeError);
    expect(() => simulate(options({ shuffle: 1.5 }))).toThrow(/shuffle/);
    expect(() => simulate(options({ start: 'yesterday' }))).toThrow(/start/);
  });
});

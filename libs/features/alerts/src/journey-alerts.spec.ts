import { journey, milestone, NEXT, PLANNED, QZE, TABLE, TRAIN } from './testing/journey.factory';
import { journeyAlerts, loadedNotDeclared, undeclaredLoads } from './journey-alerts';
import { journeyNotices } from './journey-notices';
import { DEFAULT_TIME_LIMITS, timeLimitProblems } from './time-limits';

describe(journeyAlerts.name, () => {
  // Discharged from the train 04 12:00, loaded on the vessel 08 06:00: 90 h, under 96 h but over the 72 h cold limit.
  const railToVessel = [
    milestone('DISC', '2026-03-04T12:00:00+08:00', { place: QZE, conveyance: TRAIN }),
    milestone('LOAD', '2026-03-08T06:00:00+08:00', { conveyance: PLANNED }),
  ];

  it('applies the shorter cold-chain limit to cold cargo only', () => {
    expect(journeyAlerts(journey(railToVessel), TABLE)).toEqual([]);
    const alerts = journeyAlerts(journey(railToVessel, { coldChain: true }), TABLE);
    expect(alerts).toEqual([
      expect.objectContaining({
        kind: 'TIME_LIMIT_BREACH',
        operation: 'RAIL_TO_VESSEL',
        minutes: 90 * 60,
        limitMinutes: 72 * 60,
        coldChain: true,
        alertId: 'TIME_LIMIT_BREACH|CSNU1234560/BILL_OF_LADING:WSCL1|RAIL_TO_VESSEL|CNQZH',
      }),
    ]);
  });

  it('judges an operation only once it has ended', () => {
    expect(journeyAlerts(journey([railToVessel[0]], { coldChain: true }), TABLE)).toEqual([]);
  });

  it('flags a missed vessel on the Land-Sea Corridor, and a manifest mismatch elsewhere', () => {
    const rolled = [
      milestone('MANIFEST_FILED', '2026-03-05T10:00:00+08:00', { place: undefined, conveyance: PLANNED }),
      milestone('LOAD', '2026-03-10T06:00:00+08:00', { conveyance: NEXT }),
    ];
    expect(journeyAlerts(journey(rolled), TABLE).map((a) => [a.kind, a.plannedConveyanceKey, a.conveyanceKey])).toEqual(
      [['MISSED_CONNECTION', 'VESSEL:9811000:S012', 'VESSEL:9417350:S013']],
    );
    const yangtze = journey(rolled, { corridor: 'YANGTZE_RIVER_SEA' });
    expect(journeyAlerts(yangtze, TABLE).map((a) => a.kind)).toEqual(['DECLARED_NOT_LOADED']);
    // Loaded on the planned vessel after all: nothing is wrong.
    const loaded = [...rolled, milestone('LOAD', '2026-03-08T06:00:00+08:00', { conveyance: PLANNED })];
    expect(journeyAlerts(journey(loaded), TABLE)).toEqual([]);
  });
});

describe(loadedNotDeclared.name, () => {
  const loaded = journey([milestone('LOAD', '2026-03-02T06:00:00+08:00', { conveyance: TRAIN })]);
  const [load] = undeclaredLoads(loaded);

  it('waits for the conveyance to have a manifest, then alerts if none lists the container', () => {
    expect(load.conveyanceKey).toBe('RAIL:85001:2026-03-02');
    expect(loadedNotDeclared(load, [])).toBeUndefined();
    expect(
      loadedNotDeclared(load, [{ conveyanceKey: load.conveyanceKey, containerNos: ['CSNU1234560'] }]),
    ).toBeUndefined();
    expect(
      loadedNotDeclared(load, [{ conveyanceKey: load.conveyanceKey, containerNos: ['OOLU0000001'] }]),
    ).toMatchObject({
      kind: 'LOADED_NOT_DECLARED',
      conveyanceKey: 'RAIL:85001:2026-03-02',
      orgIds: ['org-sg-straits-fresh'],
    });
  });

  it('has no undeclared load where the journey holds the manifest', () => {
    const declared = journey([
      ...loaded.milestones,
      milestone('MANIFEST_FILED', '2026-03-01T10:00:00+08:00', { place: undefined, conveyance: TRAIN }),
    ]);
    expect(undeclaredLoads(declared)).toEqual([]);
  });
});

describe(journeyNotices.name, () => {
  it('issues a notice for each actual selection and inspection, not for plans', () => {
    const notices = journeyNotices(
      journey([
        milestone('CUSS', '2026-03-04T18:00:00+08:00'),
        milestone('CUSI', '2026-03-05T08:00:00+08:00'),
        milestone('CUSI', '2026-03-06T08:00:00+08:00', { classifier: 'PLN', eventId: 'planned' }),
      ]),
    );
    expect(notices.map((n) => [n.kind, n.orgIds])).toEqual([
      ['SELECTED_FOR_INSPECTION', ['org-sg-straits-fresh']],
      ['INSPECTED', ['org-sg-straits-fresh']],
    ]);
  });
});

describe(timeLimitProblems.name, () => {
  it('accepts the built-in table and names each problem of a bad one', () => {
    expect(timeLimitProblems(DEFAULT_TIME_LIMITS)).toEqual([]);
    expect(
      timeLimitProblems([
        { port: 'CNQZH', operation: 'RAIL_TO_VESSEL', minutes: 60, coldChainMinutes: 120 },
        { port: 'CNQZH', operation: 'RAIL_TO_VESSEL', minutes: 0, coldChainMinutes: 0 },
      ]),
    ).toEqual([
      'limits[0].coldChainMinutes: the cold-chain limit may not be longer than the limit (60)',
      'limits[1].minutes: must be a whole number of minutes from 1 to 129600 (90 days), not 0',
      'limits[1].coldChainMinutes: must be a whole number of minutes from 1 to 129600 (90 days), not 0',
      'limits[1]: a second limit for RAIL_TO_VESSEL at CNQZH',
    ]);
  });
});

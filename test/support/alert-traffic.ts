import { containerCheckDigit, TOPICS, type RawLoading, type RawMessage, type RawWaybill } from '@mmt/contracts';
import type { SimulatedMessage } from '@mmt/simulator';

const HOUR = 3_600_000;
const QINZHOU = { locode: 'CNQZH', facility: 'QCT' };
const VESSEL = { mode: 'VESSEL', imo: '9811000', voyage: 'E301' } as const;

const containerNo = (serial: number) => {
  const first10 = `TSTU${String(serial).padStart(6, '0')}`;
  return `${first10}${containerCheckDigit(first10)}`;
};
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Two cold containers handled at Qinzhou before their waybill reaches the platform, so that every write step of
 * the alerts service has work when the waybill comes: the undocumented journey's alert is cleared and the
 * waybill journey's raised, its inspection notices follow it to the waybill's parties (sent again to them), a
 * cold-chain wait begins, and a load onto a train without a manifest moves to the new journey; then a new notice.
 */
export interface LateWaybillTraffic {
  /** Reports without a document: they make `<containerNo>/UNDOCUMENTED` journeys. */
  readonly before: RawMessage[];
  /** The waybill naming both containers. */
  readonly waybill: RawWaybill;
  /**
   * Reports after the waybill: an estimate for the first container (a journey update that changes no alert, notice
   * or wait) and a customs selection of the second (a new notice).
   */
  readonly after: RawMessage[];
  /** The in-yard transfer breach of the undocumented journey: raised, then cleared when the waybill comes. */
  readonly undocumentedAlertId: string;
}

export function lateWaybillTraffic(feed: number, start: string): LateWaybillTraffic {
  const [inspected, onTrain] = [1, 2].map((n) => containerNo(700_000 + feed * 10 + n));
  const t0 = Date.parse(start);
  const loading = (container: string, operation: RawLoading['operation'], at: number, extra = {}): RawLoading => ({
    kind: 'LOADING',
    messageId: `ld-late-waybill-${container}-${operation}`,
    source: 'COASTAL_PORT',
    sentAt: iso(at),
    containerNo: container,
    operation,
    eventTime: iso(at),
    location: QINZHOU,
    ...extra,
  });
  const documentNo = `WB-LATE-${feed}`;
  return {
    before: [
      loading(inspected, 'DISCHARGE', t0, { conveyance: VESSEL }),
      // 13 h in the yard: over the limit (12 h), and over the cold-chain one (6 h) once the waybill says cold.
      loading(inspected, 'GATE_IN', t0 + 13 * HOUR),
      loading(inspected, 'CUSTOMS_SELECTED', t0 + 14 * HOUR),
      // Never released: a cold-chain wait once the waybill comes (learned late, so not due while the test runs).
      loading(inspected, 'CUSTOMS_INSPECTED', t0 + 15 * HOUR),
      loading(onTrain, 'LOAD', t0 + 2 * HOUR, {
        conveyance: { mode: 'RAIL', trainNo: `8${String(feed).padStart(4, '0')}`, departureDate: start.slice(0, 10) },
      }),
    ],
    waybill: {
      kind: 'WAYBILL',
      messageId: `wb-${documentNo}`,
      source: 'COASTAL_PORT',
      sentAt: iso(t0 + 20 * HOUR),
      documentType: 'BILL_OF_LADING',
      documentNo,
      status: 'ISSUED',
      eventTime: iso(t0 - 5 * 24 * HOUR),
      shipper: { orgId: `ORG-LATE-SHIPPER-${feed}`, name: 'Late Shipper' },
      consignee: { orgId: `org-late-consignee-${feed}`, name: 'Late Consignee' },
      origin: { locode: 'SGSIN', facility: 'PPT' },
      destination: { locode: 'CNCQI', facility: 'GYP' },
      cargoDescription: 'Frozen durian',
      coldChain: true,
      containers: [inspected, onTrain].map((c) => ({ containerNo: c, isoSizeType: '45R1' })),
    },
    after: [
      loading(inspected, 'GATE_OUT', t0 + 40 * HOUR, { classifier: 'EST' }),
      loading(onTrain, 'CUSTOMS_SELECTED', t0 + 30 * HOUR),
    ],
    undocumentedAlertId: `TIME_LIMIT_BREACH|${inspected}/UNDOCUMENTED|IN_YARD_TRANSFER|CNQZH`,
  };
}

/** Raw messages as the simulator's sender takes them. */
export function asSimulated(messages: readonly RawMessage[]): SimulatedMessage[] {
  return messages.map((message) => ({
    topic: message.kind === 'WAYBILL' ? TOPICS.rawWaybill : TOPICS.rawLoading,
    key: message.kind === 'WAYBILL' ? message.documentNo : (message as RawLoading).containerNo,
    value: Buffer.from(JSON.stringify(message)),
    valid: true,
  }));
}

/**
 * Cold containers discharged at Qinzhou so long ago that their cold-chain limit (6 h for the in-yard transfer)
 * runs out at `deadline`, and never gated in: the clock raises each one's wait then.
 */
export function coldWaitsDueAt(round: number, deadline: number): RawMessage[] {
  const containers = [1, 2].map((n) => containerNo(800_000 + round * 10 + n));
  const documentNo = `WB-WAIT-${round}`;
  const documents = [{ type: 'BILL_OF_LADING', ref: documentNo }] as const;
  return [
    {
      kind: 'WAYBILL',
      messageId: `wb-${documentNo}`,
      source: 'COASTAL_PORT',
      sentAt: iso(deadline - 10 * 24 * HOUR),
      documentType: 'BILL_OF_LADING',
      documentNo,
      status: 'ISSUED',
      eventTime: iso(deadline - 10 * 24 * HOUR),
      shipper: { orgId: `ORG-WAIT-SHIPPER-${round}`, name: 'Cold Shipper' },
      consignee: { orgId: `org-wait-consignee-${round}`, name: 'Cold Consignee' },
      origin: { locode: 'SGSIN', facility: 'PPT' },
      destination: { locode: 'CNCQI', facility: 'GYP' },
      cargoDescription: 'Chilled mangosteen',
      coldChain: true,
      containers: containers.map((c) => ({ containerNo: c, isoSizeType: '45R1' })),
    },
    ...containers.map((c): RawLoading => ({
      kind: 'LOADING',
      messageId: `ld-wait-${c}`,
      source: 'COASTAL_PORT',
      sentAt: iso(Date.now()),
      containerNo: c,
      operation: 'DISCHARGE',
      eventTime: iso(deadline - 6 * HOUR),
      location: QINZHOU,
      conveyance: VESSEL,
      documents,
    })),
  ];
}

/**
 * The fixed set of organisations the simulator names as shippers, consignees, forwarders and carriers.
 * Their `orgId`s are stable, so access-control tests can issue keys for them.
 */
import type { PartyRole, RawParty } from '@mmt/contracts';

export interface Organisation extends RawParty {
  readonly role: Extract<PartyRole, 'SHIPPER' | 'CONSIGNEE' | 'FORWARDER' | 'CARRIER'>;
  readonly country: string;
}

export const ORGANISATIONS = [
  {
    orgId: 'org-cq-electronics',
    role: 'SHIPPER',
    country: 'CN',
    name: 'Chongqing Liangjiang Electronics Export Co., Ltd.',
  },
  { orgId: 'org-cq-autoparts', role: 'SHIPPER', country: 'CN', name: 'Chongqing Jiangjin Auto Parts Co., Ltd.' },
  { orgId: 'org-cq-motorcycles', role: 'SHIPPER', country: 'CN', name: 'Chongqing Banan Motorcycle Works Co., Ltd.' },
  {
    orgId: 'org-cq-agri',
    role: 'SHIPPER',
    country: 'CN',
    name: 'Chongqing Three Gorges Agricultural Products Co., Ltd.',
  },
  { orgId: 'org-de-rheinruhr', role: 'CONSIGNEE', country: 'DE', name: 'Rhein-Ruhr Distribution GmbH' },
  { orgId: 'org-de-nrw-elektronik', role: 'CONSIGNEE', country: 'DE', name: 'NRW Elektronik Handel GmbH' },
  { orgId: 'org-pl-vistula', role: 'CONSIGNEE', country: 'PL', name: 'Vistula Trade Sp. z o.o.' },
  { orgId: 'org-sg-straits-fresh', role: 'CONSIGNEE', country: 'SG', name: 'Straits Fresh Foods Pte. Ltd.' },
  { orgId: 'org-sg-lionport', role: 'CONSIGNEE', country: 'SG', name: 'Lion Port Trading Pte. Ltd.' },
  { orgId: 'org-sg-jurong', role: 'CONSIGNEE', country: 'SG', name: 'Jurong Industrial Supplies Pte. Ltd.' },
  { orgId: 'org-fwd-eurasia', role: 'FORWARDER', country: 'CN', name: 'Yuxin Eurasia Logistics Co., Ltd.' },
  { orgId: 'org-fwd-landsea', role: 'FORWARDER', country: 'CN', name: 'Land-Sea Gateway Forwarding Co., Ltd.' },
  { orgId: 'org-fwd-yangtze', role: 'FORWARDER', country: 'CN', name: 'Upper Yangtze Freight Forwarding Co., Ltd.' },
  { orgId: 'org-car-rail', role: 'CARRIER', country: 'CN', name: 'China Railway Container Transport Corp.' },
  { orgId: 'org-car-ocean', role: 'CARRIER', country: 'CN', name: 'Western Seas Container Line' },
  { orgId: 'org-car-barge', role: 'CARRIER', country: 'CN', name: 'Chuanjiang Barge Lines Co., Ltd.' },
] as const satisfies readonly Organisation[];

export type OrgId = (typeof ORGANISATIONS)[number]['orgId'];

export function organisation(orgId: OrgId): Organisation {
  const found = ORGANISATIONS.find((o) => o.orgId === orgId);
  if (found === undefined) {
    throw new RangeError(`unknown organisation ${orgId}`);
  }
  return found;
}

export function organisations(...orgIds: readonly OrgId[]): Organisation[] {
  return orgIds.map(organisation);
}

/** The party as a raw message names it (no role: the field it sits in gives the role). */
export function party(org: Organisation): { orgId: string; name: string } {
  return { orgId: org.orgId, name: org.name };
}

/** A customs broker (报关行) at the ports where the simulated containers clear, with how it usually declares. */
export interface CustomsBroker extends RawParty {
  readonly ports: readonly string[];
  /** Hours after the container's arrival at the port that it lodges the declaration (negative: before). */
  readonly declaresAfterHours: readonly [number, number];
}

export const CUSTOMS_BROKERS: readonly CustomsBroker[] = [
  {
    orgId: 'org-brk-beibu',
    name: 'Beibu Gulf Customs Brokerage Co., Ltd.',
    ports: ['CNQZH'],
    declaresAfterHours: [-6, 3],
  },
  {
    orgId: 'org-brk-qz-swift',
    name: 'Qinzhou Swift Declarations Co., Ltd.',
    ports: ['CNQZH'],
    declaresAfterHours: [0, 14],
  },
  {
    orgId: 'org-brk-pudong',
    name: 'Shanghai Pudong Customs Brokerage Co., Ltd.',
    ports: ['CNSGH', 'CNNBO'],
    declaresAfterHours: [-4, 6],
  },
  {
    orgId: 'org-brk-ningbo',
    name: 'Ningbo Harbour Declarations Co., Ltd.',
    ports: ['CNNBO'],
    declaresAfterHours: [1, 18],
  },
  { orgId: 'org-brk-duisport', name: 'Duisport Zollagentur GmbH', ports: ['DEDUI'], declaresAfterHours: [-3, 5] },
  {
    orgId: 'org-brk-vistula',
    name: 'Vistula Customs Agency Sp. z o.o.',
    ports: ['PLMAA', 'DEDUI'],
    declaresAfterHours: [2, 20],
  },
];

/** The brokers that declare at a port (every broker where none is listed for it). */
export function brokersAt(locode: string): readonly CustomsBroker[] {
  const here = CUSTOMS_BROKERS.filter((broker) => broker.ports.includes(locode));
  return here.length > 0 ? here : CUSTOMS_BROKERS;
}

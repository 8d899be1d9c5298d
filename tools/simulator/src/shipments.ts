/** Containers and the transport documents they travel under, for one train, barge or vessel load. */
import type { Box, Shipment } from './emit';
import type { Feed } from './feed';
import type { Organisation } from './organisations';

export interface ShipmentSpec {
  /** How many containers in all. */
  readonly containers: number;
  readonly documentType: Shipment['document']['type'];
  /** Makes a document number (uniqueness is checked by the feed). */
  readonly documentNo: () => string;
  readonly containersPerDocument: readonly [number, number];
  readonly owners: readonly string[];
  readonly shippers: readonly Organisation[];
  /** Who ships the cold-chain cargo. */
  readonly coldShippers: readonly Organisation[];
  readonly consignees: readonly Organisation[];
  readonly forwarders: readonly Organisation[];
  readonly dryCargo: readonly string[];
  readonly coldCargo: readonly string[];
  readonly coldChainShare: number;
}

const DRY_SIZE_TYPES = ['45G1', '45G1', '45G1', '42G1', '22G1'] as const;

export function planShipments(feed: Feed, spec: ShipmentSpec): Shipment[] {
  const { rng } = feed;
  const shipments: Shipment[] = [];
  let left = spec.containers;
  while (left > 0) {
    const count = Math.min(left, rng.int(spec.containersPerDocument[0], spec.containersPerDocument[1]));
    left -= count;
    const coldChain = rng.chance(spec.coldChainShare);
    const document = { type: spec.documentType, ref: feed.unique(spec.documentNo) };
    const isoSizeType = coldChain ? '45R1' : rng.pick(DRY_SIZE_TYPES);
    const boxes: Box[] = Array.from({ length: count }, () => ({
      containerNo: feed.newContainer(spec.owners),
      isoSizeType,
      seal: feed.unique(() => `${rng.pick(['CN', 'SL', 'CR'])}${rng.digits(7)}`),
      document,
    }));
    const forwarder = rng.chance(0.8) ? rng.pick(spec.forwarders) : undefined;
    shipments.push({
      document,
      boxes,
      coldChain,
      cargo: rng.pick(coldChain ? spec.coldCargo : spec.dryCargo),
      shipper: rng.pick(coldChain ? spec.coldShippers : spec.shippers),
      consignee: rng.pick(spec.consignees),
      ...(forwarder === undefined ? {} : { forwarder }),
    });
  }
  return shipments;
}

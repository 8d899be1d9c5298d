/**
 * The shapes of the answers the web app asks for: each the generated schema type (npm run codegen) narrowed to
 * the fields its query selects, so a field renamed or retyped in schema.graphql fails `tsc -p apps/web`.
 */
import type * as Schema from '../../gateway/src/graphql/schema-types';

type PlaceRef = Pick<Schema.Place, 'locode'>;
type PlaceAt = Pick<Schema.Place, 'locode' | 'facility'>;
type LegTimes = 'plannedDeparture' | 'estimatedDeparture' | 'actualDeparture';
type LegArrivals = 'plannedArrival' | 'estimatedArrival' | 'actualArrival';
type LegDelays = 'departureDelayMinutes' | 'arrivalDelayMinutes';

export type Vehicle = Pick<Schema.Conveyance, 'mode' | 'key' | 'trainNo' | 'name' | 'voyage'>;

export type Leg = Pick<Schema.Leg, 'mode' | LegTimes | LegArrivals | LegDelays> & {
  conveyance: Vehicle;
  from: PlaceAt | null;
  to: PlaceAt | null;
};

export type Milestone = Pick<Schema.Milestone, 'code' | 'classifier' | 'at' | 'eventId'> & {
  place: PlaceAt | null;
  conveyance: Vehicle | null;
};

/** What tracking.ts's JOURNEY selection answers. */
export type Journey = Pick<
  Schema.Journey,
  | 'journeyId'
  | 'containerNo'
  | 'corridor'
  | 'status'
  | 'coldChain'
  | 'customs'
  | 'holds'
  | 'eta'
  | 'arrivedAt'
  | 'plannedArrival'
  | 'scheduledArrival'
  | 'delayMinutes'
  | 'delayAgainst'
  | 'lastActualEventAt'
> & {
  origin: PlaceRef | null;
  destination: PlaceRef | null;
  currentPlace: PlaceAt | null;
  documents: Pick<Schema.Document, 'type' | 'ref'>[];
  documentStatuses: (Pick<Schema.DocumentStatus, 'status'> & { document: Pick<Schema.Document, 'type' | 'ref'> })[];
  latestMovement: Omit<Milestone, 'classifier' | 'eventId'> | null;
  legs: Leg[];
  milestones: Milestone[];
};

export type TimelineEntry = Pick<
  Schema.TimelineEntry,
  | 'eventId'
  | 'eventType'
  | 'code'
  | 'classifier'
  | 'eventDateTime'
  | 'sentAt'
  | 'receivedAt'
  | 'sourceSystem'
  | 'superseded'
  | 'withdrawn'
> & { place: PlaceRef | null };

export type Notice = Pick<Schema.Notice, 'kind' | 'at'> & { place: PlaceRef | null };

export type ShareLink = Pick<Schema.ShareLink, 'path' | 'expiresAt'>;

export type Throughput = Pick<Schema.Throughput, 'containers' | 'teu'>;
type Duration = Pick<Schema.DurationStats, 'count' | 'p50Minutes' | 'p90Minutes'>;

export type CorridorStats = { started: Throughput; delivered: Throughput; transit: Duration | null };

export type HubStats = { arrived: Throughput; departed: Throughput; cleared: Throughput; dwell: Duration | null };

export type Clearance = Pick<Schema.ClearanceReport, 'gapMinutes'> & {
  rows: (Pick<Schema.ClearanceRow, 'direction'> & {
    clearance: Pick<Schema.DurationStats, 'count' | 'meanMinutes'> | null;
  })[];
  baseline: Pick<Schema.ClearanceBaseline, 'meanMinutes'> | null;
  target: Pick<Schema.ClearanceTarget, 'meanMinutes' | 'reduction'> | null;
};

export type DayStats = Pick<Schema.CorridorStats, 'period'> & { delivered: Throughput };

export type ContainersNow = Pick<Schema.ContainersNow, 'countedAt'> & {
  atPlaces: Pick<Schema.PlaceCount, 'locode' | 'containers'>[];
  onTheWay: Pick<Schema.CorridorCount, 'corridor' | 'containers'>[];
};

export type AlertRow = Pick<
  Schema.Alert,
  | 'alertId'
  | 'kind'
  | 'state'
  | 'containerNo'
  | 'coldChain'
  | 'corridor'
  | 'message'
  | 'raisedAt'
  | 'acknowledgedAt'
  | 'acknowledgedBy'
  | 'operation'
  | 'minutes'
  | 'limitMinutes'
  | 'limitsVersion'
  | 'conveyanceKey'
  | 'plannedConveyanceKey'
> & { place: Pick<Schema.Place, 'locode' | 'facility'> | null };

export type AlertPage = Pick<Schema.AlertConnection, 'totalCount' | 'endCursor' | 'hasNextPage'> & {
  nodes: AlertRow[];
};

export type Caller = Pick<Schema.Caller, 'role' | 'orgId'>;

/** What home.ts's SHIPMENT selection answers: a journey as a row of the shipper's home. */
export type Shipment = Pick<Schema.Journey, 'journeyId' | 'containerNo' | 'status' | 'eta' | 'delayMinutes'> & {
  destination: PlaceRef | null;
  currentPlace: Pick<Schema.Place, 'locode' | 'facility'> | null;
};

export type Watch = Pick<Schema.Watch, 'watchId' | 'type' | 'ref' | 'kinds' | 'etaHours' | 'email' | 'emailOn'>;

export type WatchNotification = Pick<
  Schema.WatchNotification,
  'notificationId' | 'kind' | 'containerNo' | 'at' | 'etaAfter' | 'email'
> & { place: Pick<Schema.Place, 'locode' | 'facility'> | null };

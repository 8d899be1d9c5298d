// Generated from schema.graphql by `npm run codegen`: do not edit.
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string };
  String: { input: string; output: string };
  Boolean: { input: boolean; output: boolean };
  Int: { input: number; output: number };
  Float: { input: number; output: number };
  /** An ISO 6346 container number, e.g. CSQU3054383. Input may have blanks around it and lower case; it is cleaned, then its check digit is checked. */
  ContainerNumber: { input: string; output: string };
  /** A UN/LOCODE, e.g. CNQZH: country (2 letters) and place (3 letters or digits 2-9). */
  Locode: { input: string; output: string };
  /** An ISO 8601 date-time with an offset, e.g. 2026-03-02T08:00:00+08:00. Answered as the source gave it. */
  DateTime: { input: string; output: string };
};

export type Query = {
  __typename?: 'Query';
  /** Who the caller's API key is: its role, organisation and name (the web app opens the role's own page). */
  me: Caller;
  /** A container's journey: the current one (latest started), or the one under the given document. */
  journey: Journey;
  /** Journeys that a waybill, bill of lading, CIM/SMGS note or manifest covers. */
  journeysByDocument: Array<Journey>;
  /** Journeys that travelled on a conveyance, by its key, e.g. RAIL:X8001:2026-03-02 or VESSEL:9811000:V012. */
  journeysByConveyance: Array<Journey>;
  /**
   * Journeys matching the filter: the cold-chain ones first (green channel), then the others, each by journey id.
   * Pass endCursor as after for the next page (max 100).
   */
  journeys: JourneyConnection;
  /**
   * A container's audit trail: every version of every event, its source and when the platform received it, in
   * that order (max 200 a page). A corrected event shows each version, the earlier ones superseded; a retracted
   * event stays, withdrawn, beside its retraction.
   */
  timeline: TimelineConnection;
  /**
   * PORT_OFFICE only. Door-to-door figures of a corridor in a period: a day (2026-03-02), an ISO week (2026-W10) or
   * a month (2026-03), in China Standard Time. UNKNOWN_CORRIDOR counts journeys whose waybill named none.
   */
  corridorStats: CorridorStats;
  /**
   * PORT_OFFICE only. A corridor's figures for each day of a period, the first day first: a month's days, an ISO
   * week's seven (Monday first), or the day alone.
   */
  corridorDays: Array<CorridorStats>;
  /**
   * PORT_OFFICE only. The latest day (China Standard Time, e.g. 2026-03-10) on which any statistic was counted (a
   * departure, an arrival, a release, ...), in the current month or the 24 before it; null when there is none. A
   * dashboard opens on it.
   */
  latestStatsDay: Maybe<Scalars['String']['output']>;
  /** PORT_OFFICE only. Throughput, dwell and leg transit times at a hub or port (UN/LOCODE) in a period. */
  hubStats: HubStats;
  /**
   * PORT_OFFICE only. A port's customs clearance in a period: containers released, the share inspected, the time
   * from arrival at the port to release, per direction, beside the port's baseline and target.
   */
  clearanceReport: ClearanceReport;
  /**
   * PORT_OFFICE only. A port's customs brokers in a period, ranked by how soon after the containers' arrival at the
   * port they lodged the declaration (a declaration lodged before arrival counts 0 minutes).
   */
  brokerTimeliness: BrokerTimelinessReport;
  /**
   * PORT_OFFICE only. Where the containers of unfinished journeys are now: at each place, and on the way per
   * corridor. Counted at most every 5 s (countedAt).
   */
  containersNow: ContainersNow;
  /** The published operation time limits: the version in force, or the version asked for. Every role may read them. */
  timeLimits: TimeLimitTable;
  /**
   * Alerts on the journeys the caller may see (the port office: all), cold-chain cargo first, then the newest.
   * States default to OPEN and ACKNOWLEDGED. At most 200.
   */
  alerts: Array<Alert>;
  /**
   * A page of the alerts on the journeys the caller may see, in the order of alerts (cold-chain cargo first, then
   * the newest raised), with how many match the filter in all. States default to OPEN and ACKNOWLEDGED. Pass
   * endCursor as after for the next page (first: 1 to 100); a cursor is signed, and one not from this API is refused.
   */
  alertPage: AlertConnection;
  /** Inspection notices on the journeys the caller may see, cold-chain cargo first, then the newest. At most 200. */
  notices: Array<Notice>;
  /** What the caller's API key follows (see follow), the newest first. */
  watchlist: Array<Watch>;
  /** The notifications of the caller's watches, the newest first. At most 200. */
  notifications: Array<WatchNotification>;
};

export type QueryJourneyArgs = {
  containerNo: Scalars['ContainerNumber']['input'];
  document?: InputMaybe<DocumentInput>;
};

export type QueryJourneysByDocumentArgs = {
  document: DocumentInput;
};

export type QueryJourneysByConveyanceArgs = {
  conveyanceKey: Scalars['String']['input'];
};

export type QueryJourneysArgs = {
  filter?: InputMaybe<JourneyFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
};

export type QueryTimelineArgs = {
  containerNo: Scalars['ContainerNumber']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
};

export type QueryCorridorStatsArgs = {
  corridor: StatsCorridor;
  period: Scalars['String']['input'];
};

export type QueryCorridorDaysArgs = {
  corridor: StatsCorridor;
  period: Scalars['String']['input'];
};

export type QueryHubStatsArgs = {
  locode: Scalars['Locode']['input'];
  period: Scalars['String']['input'];
};

export type QueryClearanceReportArgs = {
  port: Scalars['Locode']['input'];
  period: Scalars['String']['input'];
};

export type QueryBrokerTimelinessArgs = {
  port: Scalars['Locode']['input'];
  period: Scalars['String']['input'];
};

export type QueryTimeLimitsArgs = {
  version?: InputMaybe<Scalars['Int']['input']>;
};

export type QueryAlertsArgs = {
  filter?: InputMaybe<AlertFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type QueryAlertPageArgs = {
  filter?: InputMaybe<AlertFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
};

export type QueryNoticesArgs = {
  containerNo?: InputMaybe<Scalars['ContainerNumber']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type QueryNotificationsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * PORT_OFFICE only. Publishes a new version of the operation time-limit table, replacing the whole table; alerts
   * judged from then on use it. The answer is the version published.
   */
  publishTimeLimits: TimeLimitTable;
  /** Marks an OPEN alert as seen. The port office, or a party of the alert's journey. */
  acknowledgeAlert: Alert;
  /** PORT_OFFICE only. Closes an OPEN or ACKNOWLEDGED alert, with a note of what was done. */
  resolveAlert: Alert;
  /**
   * A read-only link to a journey the caller may see (as journey picks it), for anyone who has the link, valid for
   * hours (1 to 720). The token is shown only here; GET /share/<token> answers the journey as JSON.
   */
  shareJourney: ShareLink;
  /**
   * Follows a container, a bill of lading or a waybill (a document followed covers every container it names), for
   * the caller's API key: only what the caller may see, so another organisation's container is NOT_FOUND exactly as
   * an unknown one. Following the same target again changes how it is followed. From then on, each event of a kind
   * chosen is a notification (notifications), e-mailed to email, when given, in the language chosen, with a link
   * that stops the e-mails of this watch.
   */
  follow: Watch;
  /** Stops following; false when the caller's key follows no such watch. */
  unfollow: Scalars['Boolean']['output'];
};

export type MutationPublishTimeLimitsArgs = {
  limits: Array<TimeLimitInput>;
  note?: InputMaybe<Scalars['String']['input']>;
};

export type MutationAcknowledgeAlertArgs = {
  alertId: Scalars['ID']['input'];
};

export type MutationResolveAlertArgs = {
  alertId: Scalars['ID']['input'];
  note?: InputMaybe<Scalars['String']['input']>;
};

export type MutationShareJourneyArgs = {
  containerNo: Scalars['ContainerNumber']['input'];
  document?: InputMaybe<DocumentInput>;
  hours?: InputMaybe<Scalars['Int']['input']>;
};

export type MutationFollowArgs = {
  watch: WatchInput;
};

export type MutationUnfollowArgs = {
  watchId: Scalars['ID']['input'];
};

/** What an API key may see: the port office everything, a shipper or partner its organisation's journeys. */
export type Role =
  | 'PORT_OFFICE'
  | 'SHIPPER'
  | 'PARTNER'
  /** A source system sending UN/EDIFACT (POST /edi/interchanges); its keys are refused for reading, GraphQL included. */
  | 'SOURCE_SYSTEM';

export type Caller = {
  __typename?: 'Caller';
  keyId: Scalars['ID']['output'];
  role: Role;
  orgId: Scalars['String']['output'];
  name: Scalars['String']['output'];
};

/** What a watch follows. */
export type WatchTargetType = 'CONTAINER' | 'BILL_OF_LADING' | 'WAYBILL';

/**
 * What a watch notifies of: ARRIVAL and DEPARTURE (actual, at each place), HOLD (a document of the journey held),
 * INSPECTION (customs selected or inspected the container: its inspection notice), ETA_CHANGED (the estimated
 * arrival moved by more than the watch's etaHours since the last one notified), DELIVERY (gate-out or stripping at
 * the destination).
 */
export type NotificationKind = 'ARRIVAL' | 'DEPARTURE' | 'HOLD' | 'INSPECTION' | 'ETA_CHANGED' | 'DELIVERY';

/** The language of a watch's e-mails. */
export type MailLanguage = 'EN' | 'ZH';

export type WatchInput = {
  type: WatchTargetType;
  /** The container number (checked as ContainerNumber is), or the document's reference. */
  ref: Scalars['String']['input'];
  /** The kinds to notify of; default all of them. */
  kinds?: InputMaybe<Array<NotificationKind>>;
  /** ETA_CHANGED only when the estimated arrival moves by more than this many hours (1 to 720). */
  etaHours?: InputMaybe<Scalars['Int']['input']>;
  /** Where to e-mail the notifications; none: they are shown in the app only. */
  email?: InputMaybe<Scalars['String']['input']>;
  language?: InputMaybe<MailLanguage>;
};

export type Watch = {
  __typename?: 'Watch';
  watchId: Scalars['ID']['output'];
  type: WatchTargetType;
  ref: Scalars['String']['output'];
  kinds: Array<NotificationKind>;
  etaHours: Scalars['Int']['output'];
  email: Maybe<Scalars['String']['output']>;
  language: MailLanguage;
  /** False without an address, or once the e-mail's unsubscribe link was followed. */
  emailOn: Scalars['Boolean']['output'];
  createdAt: Scalars['DateTime']['output'];
};

/**
 * How a notification's e-mail stands: OFF (no address, unsubscribed, or no mail server configured), PENDING (to
 * send, or failed and to be tried again later), SENT, FAILED (given up after the retry window).
 */
export type EmailState = 'OFF' | 'PENDING' | 'SENT' | 'FAILED';

export type WatchNotification = {
  __typename?: 'WatchNotification';
  /** Stable: one per watch and event (ETA_CHANGED: per journey and new ETA). */
  notificationId: Scalars['ID']['output'];
  watchId: Scalars['ID']['output'];
  kind: NotificationKind;
  containerNo: Scalars['ContainerNumber']['output'];
  journeyId: Scalars['ID']['output'];
  place: Maybe<Place>;
  /** When it happened: the event's time; for ETA_CHANGED, when the new estimate was published. */
  at: Scalars['DateTime']['output'];
  etaBefore: Maybe<Scalars['DateTime']['output']>;
  etaAfter: Maybe<Scalars['DateTime']['output']>;
  createdAt: Scalars['DateTime']['output'];
  email: EmailState;
  /** The last failed try's reason, while the e-mail is PENDING or FAILED. */
  emailError: Maybe<Scalars['String']['output']>;
};

export type ShareLink = {
  __typename?: 'ShareLink';
  /** The web app's page for the link, e.g. /app/#/shared/shr_... */
  path: Scalars['String']['output'];
  token: Scalars['String']['output'];
  journeyId: Scalars['ID']['output'];
  expiresAt: Scalars['DateTime']['output'];
};

export type TimeLimitOperation =
  | 'IN_YARD_TRANSFER'
  | 'BOX_SHIFTING'
  | 'DEVANNING'
  | 'CONSIGNEE_PICKUP'
  | 'RELEASE_AFTER_INSPECTION'
  | 'RAIL_TO_VESSEL';

export type TimeLimit = {
  __typename?: 'TimeLimit';
  /** A UN/LOCODE, or * for every port without a limit of its own. */
  port: Scalars['String']['output'];
  operation: TimeLimitOperation;
  minutes: Scalars['Int']['output'];
  /** The shorter limit for cold-chain and fresh cargo. */
  coldChainMinutes: Scalars['Int']['output'];
};

export type TimeLimitInput = {
  port: Scalars['String']['input'];
  operation: TimeLimitOperation;
  minutes: Scalars['Int']['input'];
  coldChainMinutes: Scalars['Int']['input'];
};

export type TimeLimitTable = {
  __typename?: 'TimeLimitTable';
  version: Scalars['Int']['output'];
  publishedAt: Scalars['DateTime']['output'];
  publishedBy: Scalars['String']['output'];
  note: Maybe<Scalars['String']['output']>;
  limits: Array<TimeLimit>;
};

export type AlertKind =
  | 'TIME_LIMIT_BREACH'
  | 'MISSED_CONNECTION'
  | 'DECLARED_NOT_LOADED'
  | 'LOADED_NOT_DECLARED'
  /** Cold-chain or fresh cargo still waiting, past its cold-chain limit, for an operation to end. */
  | 'COLD_CHAIN_WAITING';

export type AlertState =
  | 'OPEN'
  | 'ACKNOWLEDGED'
  | 'RESOLVED'
  /** Later data showed the condition does not hold. */
  | 'CLEARED';

export type AlertFilter = {
  kinds?: InputMaybe<Array<AlertKind>>;
  states?: InputMaybe<Array<AlertState>>;
  containerNo?: InputMaybe<Scalars['ContainerNumber']['input']>;
  /** Alerts on journeys of this corridor. */
  corridor?: InputMaybe<Corridor>;
  /** true: cold-chain cargo only; false: other cargo only. */
  coldChain?: InputMaybe<Scalars['Boolean']['input']>;
};

export type AlertConnection = {
  __typename?: 'AlertConnection';
  nodes: Array<Alert>;
  /** How many alerts match the filter, on every page. */
  totalCount: Scalars['Int']['output'];
  endCursor: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type Alert = {
  __typename?: 'Alert';
  alertId: Scalars['ID']['output'];
  kind: AlertKind;
  state: AlertState;
  journeyId: Scalars['ID']['output'];
  containerNo: Scalars['ContainerNumber']['output'];
  corridor: Maybe<Corridor>;
  coldChain: Scalars['Boolean']['output'];
  place: Maybe<Place>;
  /** When the condition arose (event time). */
  at: Scalars['DateTime']['output'];
  message: Scalars['String']['output'];
  operation: Maybe<TimeLimitOperation>;
  minutes: Maybe<Scalars['Int']['output']>;
  limitMinutes: Maybe<Scalars['Int']['output']>;
  limitsVersion: Maybe<Scalars['Int']['output']>;
  conveyanceKey: Maybe<Scalars['String']['output']>;
  plannedConveyanceKey: Maybe<Scalars['String']['output']>;
  raisedAt: Scalars['DateTime']['output'];
  acknowledgedAt: Maybe<Scalars['DateTime']['output']>;
  acknowledgedBy: Maybe<Scalars['String']['output']>;
  resolvedAt: Maybe<Scalars['DateTime']['output']>;
  resolvedBy: Maybe<Scalars['String']['output']>;
  resolutionNote: Maybe<Scalars['String']['output']>;
};

export type AlertChange = {
  __typename?: 'AlertChange';
  /** RAISED, ACKNOWLEDGED, RESOLVED or CLEARED. */
  change: Scalars['String']['output'];
  alert: Alert;
  changedAt: Scalars['DateTime']['output'];
};

export type NoticeKind = 'SELECTED_FOR_INSPECTION' | 'INSPECTED';

export type Notice = {
  __typename?: 'Notice';
  noticeId: Scalars['ID']['output'];
  kind: NoticeKind;
  journeyId: Scalars['ID']['output'];
  containerNo: Scalars['ContainerNumber']['output'];
  coldChain: Scalars['Boolean']['output'];
  place: Place;
  at: Scalars['DateTime']['output'];
  message: Scalars['String']['output'];
  issuedAt: Scalars['DateTime']['output'];
};

export type BrokerTimeliness = {
  __typename?: 'BrokerTimeliness';
  /** 1 for the broker with the shortest mean delay. */
  rank: Scalars['Int']['output'];
  broker: Scalars['String']['output'];
  brokerName: Scalars['String']['output'];
  declarations: Scalars['Int']['output'];
  /** Declarations lodged before the container arrived. */
  beforeArrival: Scalars['Int']['output'];
  /** Minutes from the container's arrival at the port to the declaration (0 when lodged before arrival). */
  delay: DurationStats;
};

export type BrokerTimelinessReport = {
  __typename?: 'BrokerTimelinessReport';
  port: Scalars['Locode']['output'];
  period: Scalars['String']['output'];
  brokers: Array<BrokerTimeliness>;
};

export type StatsCorridor = 'CHINA_EUROPE_RAIL' | 'LAND_SEA_CORRIDOR' | 'YANGTZE_RIVER_SEA' | 'UNKNOWN';

/** Containers and twenty-foot equivalent units (from the ISO size-type; 0 when it is unknown). */
export type Throughput = {
  __typename?: 'Throughput';
  containers: Scalars['Int']['output'];
  teu: Scalars['Float']['output'];
};

/** Durations in minutes: exact count and mean; percentiles from a sketch, within 1 % of the exact value. */
export type DurationStats = {
  __typename?: 'DurationStats';
  count: Scalars['Int']['output'];
  meanMinutes: Scalars['Float']['output'];
  p50Minutes: Scalars['Float']['output'];
  p90Minutes: Scalars['Float']['output'];
  p99Minutes: Scalars['Float']['output'];
};

export type CorridorStats = {
  __typename?: 'CorridorStats';
  corridor: StatsCorridor;
  period: Scalars['String']['output'];
  /** Containers that left their origin (first actual departure) in the period. */
  started: Throughput;
  /** Containers that arrived at their destination in the period. */
  delivered: Throughput;
  /** Door to door, first actual departure to arrival at the destination, of the containers delivered. */
  transit: Maybe<DurationStats>;
};

export type HubStats = {
  __typename?: 'HubStats';
  locode: Scalars['Locode']['output'];
  period: Scalars['String']['output'];
  /** Containers that arrived at the hub on a conveyance (actual arrival of a leg). */
  arrived: Throughput;
  /** Containers that left the hub on a conveyance (actual departure of a leg). */
  departed: Throughput;
  /** Containers released by customs at the hub. */
  cleared: Throughput;
  /** Time at the hub, of the containers that left it in the period. */
  dwell: Maybe<DurationStats>;
  /** Time on the leg that arrived at the hub, of the legs that arrived in the period. */
  legTransit: Maybe<DurationStats>;
};

/** Containers on their way at one place; stale ones (not heard of within staleAfterHours of asOf) apart. */
export type PlaceCount = {
  __typename?: 'PlaceCount';
  locode: Scalars['Locode']['output'];
  containers: Scalars['Int']['output'];
  staleContainers: Scalars['Int']['output'];
  /** The newest event of a container here, stale or not: how old the place's news is. */
  newestEventAt: Scalars['DateTime']['output'];
};

/** Containers on a conveyance between places, on one corridor; stale ones apart. */
export type CorridorCount = {
  __typename?: 'CorridorCount';
  /** A corridor, or UNKNOWN when the waybill named none. */
  corridor: Scalars['String']['output'];
  containers: Scalars['Int']['output'];
  staleContainers: Scalars['Int']['output'];
  newestEventAt: Scalars['DateTime']['output'];
};

/**
 * Where the containers still on their way are (at origin, at a hub, in transit): each container once, by its most
 * recent such journey. ARRIVED, COMPLETED and CANCELLED journeys have ended and are not counted.
 */
export type ContainersNow = {
  __typename?: 'ContainersNow';
  countedAt: Scalars['DateTime']['output'];
  /** What now is for staleness: the newest event the platform holds, at most countedAt. */
  asOf: Scalars['DateTime']['output'];
  /** A container not heard of for this long before asOf is stale (CONTAINERS_NOW_STALE_AFTER_HOURS). */
  staleAfterHours: Scalars['Int']['output'];
  /** At a place (at origin, at a hub), by the journey's current place. */
  atPlaces: Array<PlaceCount>;
  /** On a conveyance between places. */
  onTheWay: Array<CorridorCount>;
};

export type StatsDirection = 'ALL' | 'EXPORT' | 'IMPORT' | 'TRANSIT';

export type ClearanceRow = {
  __typename?: 'ClearanceRow';
  /** Export (origin in China, destination abroad), import, or transit (anything else); ALL sums them. */
  direction: StatsDirection;
  cleared: Throughput;
  inspected: Scalars['Int']['output'];
  /** Inspected / cleared, 0 to 1. */
  inspectionShare: Scalars['Float']['output'];
  /** From the container's first actual arrival at the port (ARRI, DISC or GTIN) to its customs release. */
  clearance: Maybe<DurationStats>;
  /** Of the releases whose declaration (CUSD) is known: arrival to declaration (0 when declared before arrival). */
  awaitingDeclaration: Maybe<DurationStats>;
  /** Of the releases whose declaration is known: declaration to release. */
  declarationToRelease: Maybe<DurationStats>;
};

export type ClearanceBaseline = {
  __typename?: 'ClearanceBaseline';
  period: Scalars['String']['output'];
  meanMinutes: Scalars['Float']['output'];
};

export type ClearanceTarget = {
  __typename?: 'ClearanceTarget';
  /** The month by which the reduction is due. */
  by: Scalars['String']['output'];
  /** The reduction against the baseline, e.g. 0.5 for half. */
  reduction: Scalars['Float']['output'];
  meanMinutes: Scalars['Float']['output'];
};

export type ClearanceReport = {
  __typename?: 'ClearanceReport';
  port: Scalars['Locode']['output'];
  period: Scalars['String']['output'];
  /** ALL first, then EXPORT, IMPORT, TRANSIT. */
  rows: Array<ClearanceRow>;
  /** The port's baseline; null for a port without a clearance programme. */
  baseline: Maybe<ClearanceBaseline>;
  /** The reduction in force for the period (the largest already due). */
  target: Maybe<ClearanceTarget>;
  /** The period's mean clearance time minus the target's: positive when behind the target. */
  gapMinutes: Maybe<Scalars['Float']['output']>;
};

export type Subscription = {
  __typename?: 'Subscription';
  /** Journey updates as the projector writes them; with no argument, every journey the caller may see. */
  journeyUpdated: JourneyUpdate;
  /**
   * Tracking events as journeys take them in, in order per container. Resumable: subscribe again with the
   * cursor of the last event you received as after, and you get every event since, then live ones. A cursor
   * more than 100,000 updates behind, or past the update topic's retention, is refused (CURSOR_EXPIRED): read
   * the journeys again and subscribe without after.
   * Apply each event by its eventId: an eventId you hold already, with a later sentAt, is a correction that
   * replaces it; a RETRACTION (code RETRACTION) withdraws the event with its retractsEventId. Retractions pass
   * the eventTypes and places filters, since the event they withdraw may be one you hold.
   */
  trackingEvents: StreamedEvent;
  /** Alerts as they are raised, acknowledged, resolved or cleared, on journeys the caller may see. */
  alertRaised: AlertChange;
  /** Inspection notices as customs selects or inspects a container of a journey the caller may see. */
  noticeIssued: Notice;
};

export type SubscriptionJourneyUpdatedArgs = {
  containerNos?: InputMaybe<Array<Scalars['ContainerNumber']['input']>>;
  documents?: InputMaybe<Array<DocumentInput>>;
  corridors?: InputMaybe<Array<Corridor>>;
};

export type SubscriptionTrackingEventsArgs = {
  filter?: InputMaybe<EventFilter>;
  after?: InputMaybe<Scalars['String']['input']>;
};

export type SubscriptionAlertRaisedArgs = {
  kinds?: InputMaybe<Array<AlertKind>>;
};

export type SubscriptionNoticeIssuedArgs = {
  containerNos?: InputMaybe<Array<Scalars['ContainerNumber']['input']>>;
};

export type EventFilter = {
  corridors?: InputMaybe<Array<Corridor>>;
  /** TRANSPORT, EQUIPMENT or SHIPMENT (retractions always pass). */
  eventTypes?: InputMaybe<Array<Scalars['String']['input']>>;
  /** UN/LOCODEs of the event's place. */
  places?: InputMaybe<Array<Scalars['Locode']['input']>>;
  containerNos?: InputMaybe<Array<Scalars['ContainerNumber']['input']>>;
};

export type StreamedEvent = {
  __typename?: 'StreamedEvent';
  /** Pass as after to resume right after this event. */
  cursor: Scalars['String']['output'];
  containerNo: Scalars['ContainerNumber']['output'];
  journeyId: Scalars['ID']['output'];
  corridor: Maybe<Corridor>;
  event: TimelineEntry;
};

export type Corridor = 'CHINA_EUROPE_RAIL' | 'LAND_SEA_CORRIDOR' | 'YANGTZE_RIVER_SEA';

export type DocumentType = 'WAYBILL' | 'BILL_OF_LADING' | 'MANIFEST' | 'CIM_SMGS';

export type JourneyStatus = 'PLANNED' | 'AT_ORIGIN' | 'IN_TRANSIT' | 'AT_HUB' | 'ARRIVED' | 'COMPLETED' | 'CANCELLED';

export type Classifier = 'PLN' | 'EST' | 'ACT';

export type DocumentInput = {
  type: DocumentType;
  ref: Scalars['String']['input'];
};

export type JourneyFilter = {
  corridor?: InputMaybe<Corridor>;
  status?: InputMaybe<JourneyStatus>;
  /** UN/LOCODE of the current place. */
  place?: InputMaybe<Scalars['Locode']['input']>;
  /** Journeys with events at or after this time (ISO 8601 with offset). */
  activeFrom?: InputMaybe<Scalars['DateTime']['input']>;
  /** Journeys with events at or before this time (ISO 8601 with offset). */
  activeTo?: InputMaybe<Scalars['DateTime']['input']>;
  delayedOnly?: InputMaybe<Scalars['Boolean']['input']>;
};

export type Place = {
  __typename?: 'Place';
  locode: Scalars['Locode']['output'];
  facility: Maybe<Scalars['String']['output']>;
};

export type Conveyance = {
  __typename?: 'Conveyance';
  mode: Scalars['String']['output'];
  key: Scalars['String']['output'];
  trainNo: Maybe<Scalars['String']['output']>;
  departureDate: Maybe<Scalars['String']['output']>;
  imo: Maybe<Scalars['String']['output']>;
  voyage: Maybe<Scalars['String']['output']>;
  name: Maybe<Scalars['String']['output']>;
  plate: Maybe<Scalars['String']['output']>;
};

export type Document = {
  __typename?: 'Document';
  type: DocumentType;
  ref: Scalars['String']['output'];
};

export type DocumentStatus = {
  __typename?: 'DocumentStatus';
  document: Document;
  status: Scalars['String']['output'];
};

export type Organisation = {
  __typename?: 'Organisation';
  orgId: Scalars['String']['output'];
  name: Scalars['String']['output'];
};

export type Party = {
  __typename?: 'Party';
  role: Scalars['String']['output'];
  orgId: Scalars['String']['output'];
  name: Scalars['String']['output'];
};

export type Milestone = {
  __typename?: 'Milestone';
  code: Scalars['String']['output'];
  classifier: Classifier;
  at: Scalars['DateTime']['output'];
  place: Maybe<Place>;
  conveyance: Maybe<Conveyance>;
  eventId: Scalars['String']['output'];
  sourceSystem: Scalars['String']['output'];
  /** CUSD (customs declaration lodged) only: the customs broker. */
  customsBroker: Maybe<Organisation>;
};

export type Leg = {
  __typename?: 'Leg';
  mode: Scalars['String']['output'];
  conveyance: Conveyance;
  from: Maybe<Place>;
  to: Maybe<Place>;
  plannedDeparture: Maybe<Scalars['DateTime']['output']>;
  estimatedDeparture: Maybe<Scalars['DateTime']['output']>;
  actualDeparture: Maybe<Scalars['DateTime']['output']>;
  plannedArrival: Maybe<Scalars['DateTime']['output']>;
  estimatedArrival: Maybe<Scalars['DateTime']['output']>;
  actualArrival: Maybe<Scalars['DateTime']['output']>;
  /** Minutes of the actual (else estimated) departure behind plannedDeparture; negative when early. */
  departureDelayMinutes: Maybe<Scalars['Int']['output']>;
  /** Minutes of the actual (else estimated) arrival behind plannedArrival; negative when early. */
  arrivalDelayMinutes: Maybe<Scalars['Int']['output']>;
};

/** The plan a journey's delay is measured against. */
export type DelayAgainst =
  /** The timetable or port-call schedule of the conveyance that takes the container to its destination. */
  | 'SCHEDULE'
  /** The waybill's or bill of lading's planned arrival. */
  | 'WAYBILL';

export type Dwell = {
  __typename?: 'Dwell';
  place: Place;
  arrivedAt: Scalars['DateTime']['output'];
  departedAt: Maybe<Scalars['DateTime']['output']>;
  minutes: Maybe<Scalars['Int']['output']>;
};

export type Journey = {
  __typename?: 'Journey';
  journeyId: Scalars['ID']['output'];
  containerNo: Scalars['ContainerNumber']['output'];
  corridor: Maybe<Corridor>;
  origin: Maybe<Place>;
  destination: Maybe<Place>;
  documents: Array<Document>;
  documentStatuses: Array<DocumentStatus>;
  parties: Array<Party>;
  status: JourneyStatus;
  currentPlace: Maybe<Place>;
  /**
   * The latest actual movement (a departure, arrival, loading, discharge, gate move, border crossing or transfer):
   * what status and currentPlace are read from. Absent before the container has moved.
   */
  latestMovement: Maybe<Milestone>;
  legs: Array<Leg>;
  milestones: Array<Milestone>;
  /** The waybill's or bill of lading's planned arrival at the destination: what was promised. */
  plannedArrival: Maybe<Scalars['DateTime']['output']>;
  /** The planned arrival at the destination by the schedule of the conveyance that takes the container there. */
  scheduledArrival: Maybe<Scalars['DateTime']['output']>;
  /** The estimated arrival at the destination, while the journey has not arrived: only ever an estimate. */
  eta: Maybe<Scalars['DateTime']['output']>;
  /** ARRIVED and COMPLETED journeys only: the actual arrival at the destination. */
  arrivedAt: Maybe<Scalars['DateTime']['output']>;
  /** Minutes of the actual arrival (or else the ETA) behind the plan named by delayAgainst; negative when early. */
  delayMinutes: Maybe<Scalars['Int']['output']>;
  delayAgainst: Maybe<DelayAgainst>;
  dwell: Array<Dwell>;
  customs: Scalars['String']['output'];
  holds: Array<Scalars['String']['output']>;
  coldChain: Scalars['Boolean']['output'];
  isoSizeType: Maybe<Scalars['String']['output']>;
  startedAt: Maybe<Scalars['DateTime']['output']>;
  lastEventAt: Maybe<Scalars['DateTime']['output']>;
  /** The latest time of the journey's actual events (not plans or estimates): when it was last heard of. */
  lastActualEventAt: Maybe<Scalars['DateTime']['output']>;
  version: Scalars['String']['output'];
};

export type JourneyConnection = {
  __typename?: 'JourneyConnection';
  nodes: Array<Journey>;
  endCursor: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type TimelineEntry = {
  __typename?: 'TimelineEntry';
  eventId: Scalars['ID']['output'];
  eventType: Scalars['String']['output'];
  code: Maybe<Scalars['String']['output']>;
  classifier: Classifier;
  eventDateTime: Scalars['DateTime']['output'];
  /** When the source sent this version of the event (its raw message's sentAt); a later version is a correction. */
  sentAt: Scalars['DateTime']['output'];
  /** A later version of this event (same eventId, later sentAt) replaces this one. */
  superseded: Scalars['Boolean']['output'];
  /** A retraction withdrew this event: it no longer counts in the journey. */
  withdrawn: Scalars['Boolean']['output'];
  receivedAt: Scalars['DateTime']['output'];
  sourceSystem: Scalars['String']['output'];
  rawKind: Scalars['String']['output'];
  rawRef: Scalars['String']['output'];
  place: Maybe<Place>;
  conveyance: Maybe<Conveyance>;
  documents: Array<Document>;
  retractsEventId: Maybe<Scalars['String']['output']>;
};

export type TimelineConnection = {
  __typename?: 'TimelineConnection';
  nodes: Array<TimelineEntry>;
  endCursor: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type JourneyUpdate = {
  __typename?: 'JourneyUpdate';
  journey: Journey;
  causedBy: Array<Scalars['String']['output']>;
  publishedAt: Scalars['DateTime']['output'];
};

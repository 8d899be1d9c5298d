import { Inject } from '@nestjs/common';
import { Args, Context, Mutation, Query, Resolver, Subscription } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { canSee, journeyScope, type Principal } from '@mmt/access';
import {
  ALERT_STORES,
  alertOf,
  PublishConflictError,
  timeLimitProblems,
  type AlertPosition,
  type AlertQuery,
  type AlertStores,
} from '@mmt/alerts';
import type { Alert, AlertChange, AlertState, Notice } from '@mmt/contracts';
import type { GatewayContext } from '../access/gateway-context';
import { Roles } from '../access/roles';
import { badInput, notFound } from '../graphql-errors';
import { decodeCursor, encodeCursor, pageSize } from '../graphql/page-cursor';
import type {
  Alert as ServedAlert,
  AlertConnection,
  AlertFilter,
  AlertChange as ServedAlertChange,
  MutationAcknowledgeAlertArgs,
  MutationPublishTimeLimitsArgs,
  MutationResolveAlertArgs,
  QueryAlertPageArgs,
  QueryAlertsArgs,
  QueryNoticesArgs,
  QueryTimeLimitsArgs,
  SubscriptionAlertRaisedArgs,
  SubscriptionNoticeIssuedArgs,
  Notice as ServedNotice,
  TimeLimitTable,
} from '../graphql/schema-types';
import type { Served } from '../graphql/served';
import { AlertChanges } from './alert-changes';
import { AlertFeed } from './alert-feed';
import { alertChangeIdentity, DeliveredOnce, noticeIdentity } from './delivered-once';

const MAX_LIST = 200;
const MAX_PAGE = 100;
const LIVE_STATES: readonly AlertState[] = ['OPEN', 'ACKNOWLEDGED'];

/** `first` has a default, but a caller may still write null. */
function checkedFirst(first: number | null | undefined): number {
  if (typeof first !== 'number' || !Number.isInteger(first) || first < 1 || first > MAX_LIST) {
    throw badInput(`first must be a whole number from 1 to ${MAX_LIST}, not ${String(first)}`);
  }
  return first;
}

/** Alerts and notices are scoped as journeys are: every one, or those that concern the caller's organisation. */
function scopeOf(principal: Principal): { orgId?: string } {
  const scope = journeyScope(principal);
  return 'every' in scope ? {} : { orgId: scope.partyOrgId };
}

/** What a filter asks of the store, for the caller's scope. */
function alertQuery(principal: Principal, filter: AlertFilter | null | undefined): Omit<AlertQuery, 'first'> {
  return {
    ...scopeOf(principal),
    states: filter?.states ?? LIVE_STATES,
    ...(filter?.kinds ? { kinds: filter.kinds } : {}),
    ...(filter?.containerNo ? { containerNo: filter.containerNo } : {}),
    ...(filter?.corridor ? { corridor: filter.corridor } : {}),
    ...(typeof filter?.coldChain === 'boolean' ? { coldChain: filter.coldChain } : {}),
  };
}

/** An alert page's cursor: the last alert's place in the order (cold chain as 1 or 0, raisedAt, id). */
const cursorOf = (alert: AlertPosition) =>
  encodeCursor([alert.coldChain ? '1' : '0', alert.raisedAt, alert.alertId], 'alerts');

function positionOf(after: string | null | undefined): AlertPosition | undefined {
  const parts = decodeCursor(after, 3, 'alerts');
  return parts === undefined ? undefined : { coldChain: parts[0] === '1', raisedAt: parts[1], alertId: parts[2] };
}

/** A notice sent again (`addedOrgIds`) is for the parties that joined its journey since: everyone else had it. */
function isNewTo(principal: Principal, notice: Notice): boolean {
  return notice.addedOrgIds === undefined
    ? canSee(principal, notice)
    : !('every' in journeyScope(principal)) && canSee(principal, { orgIds: notice.addedOrgIds });
}

/** Published time limits, alerts and inspection notices, scoped by the caller's organisation. */
@Resolver()
export class AlertsResolver {
  constructor(
    @Inject(ALERT_STORES) private readonly stores: AlertStores,
    private readonly feed: AlertFeed,
    private readonly changes: AlertChanges,
  ) {}

  @Query('timeLimits')
  async timeLimits(@Args() { version }: QueryTimeLimitsArgs): Promise<Served<TimeLimitTable>> {
    if (version === undefined || version === null) {
      return this.stores.timeLimits.currentLimits();
    }
    const table = await this.stores.timeLimits.limitsVersion(version);
    if (table === undefined) {
      throw notFound(`No time-limit table version ${version}`);
    }
    return table;
  }

  @Mutation('publishTimeLimits')
  @Roles(['PORT_OFFICE'], (role) => `Time limits are published by the port office: a ${role} key cannot`)
  async publishTimeLimits(
    @Context() context: GatewayContext,
    @Args() { limits, note }: MutationPublishTimeLimitsArgs,
  ): Promise<Served<TimeLimitTable>> {
    const problems = timeLimitProblems(limits);
    if (problems.length > 0) {
      throw badInput(problems.join('; '));
    }
    try {
      return await this.stores.timeLimits.publish(limits, context.principal.name, note ?? undefined);
    } catch (error) {
      if (error instanceof PublishConflictError) {
        throw new GraphQLError(error.message, { extensions: { code: 'CONFLICT' } });
      }
      throw error;
    }
  }

  @Query('alerts')
  async alerts(
    @Context() context: GatewayContext,
    @Args() { filter, first }: QueryAlertsArgs,
  ): Promise<Served<ServedAlert[]>> {
    const found = await this.stores.alerts.listAlerts({
      ...alertQuery(context.principal, filter),
      first: checkedFirst(first),
    });
    return found.map(alertOf);
  }

  @Query('alertPage')
  async alertPage(
    @Context() context: GatewayContext,
    @Args() { filter, first, after }: QueryAlertPageArgs,
  ): Promise<Served<AlertConnection>> {
    const size = pageSize(first, MAX_PAGE);
    const from = positionOf(after);
    const query = alertQuery(context.principal, filter);
    const [found, totalCount] = await Promise.all([
      this.stores.alerts.listAlerts({ ...query, first: size + 1 }, from),
      this.stores.alerts.countAlerts(query),
    ]);
    const page = found.slice(0, size).map(alertOf);
    const last = page.at(-1);
    return {
      nodes: page,
      totalCount,
      endCursor: last === undefined ? null : cursorOf(last),
      hasNextPage: found.length > size,
    };
  }

  @Query('notices')
  notices(
    @Context() context: GatewayContext,
    @Args() { containerNo, first }: QueryNoticesArgs,
  ): Promise<Served<ServedNotice[]>> {
    return this.stores.notices.listNotices({
      ...scopeOf(context.principal),
      ...(containerNo ? { containerNo } : {}),
      first: checkedFirst(first),
    });
  }

  @Mutation('acknowledgeAlert')
  acknowledgeAlert(
    @Context() context: GatewayContext,
    @Args() { alertId }: MutationAcknowledgeAlertArgs,
  ): Promise<Served<ServedAlert>> {
    return this.change(context.principal, alertId, 'ACKNOWLEDGED', ['OPEN'], {
      state: 'ACKNOWLEDGED',
      acknowledgedAt: new Date().toISOString(),
      acknowledgedBy: context.principal.name,
    });
  }

  @Mutation('resolveAlert')
  @Roles(['PORT_OFFICE'], (role) => `Alerts are resolved by the port office: a ${role} key may acknowledge them`)
  resolveAlert(
    @Context() context: GatewayContext,
    @Args() { alertId, note }: MutationResolveAlertArgs,
  ): Promise<Served<ServedAlert>> {
    return this.change(context.principal, alertId, 'RESOLVED', LIVE_STATES, {
      state: 'RESOLVED',
      resolvedAt: new Date().toISOString(),
      resolvedBy: context.principal.name,
      ...(note ? { resolutionNote: note } : {}),
    });
  }

  /**
   * Moves a visible alert from one of `from` to `to` and sends the change. An alert already in `to` is answered
   * as it is, and its change sent again, so a client that retries after a lost answer loses nothing.
   */
  private async change(
    principal: Principal,
    alertId: string,
    to: AlertState,
    from: readonly AlertState[],
    fields: Partial<Alert>,
  ): Promise<Alert> {
    const before = await this.stores.alerts.findAlert(alertId);
    if (before === undefined || !canSee(principal, before)) {
      throw notFound(`No alert ${JSON.stringify(alertId)}`);
    }
    const after = before.state === to ? before : await this.stores.alerts.changeAlert(alertId, from, fields);
    if (after === undefined) {
      throw badInput(
        `Alert ${alertId} is ${before.state}: only an alert that is ${from.join(' or ')} can become ${to}`,
      );
    }
    const alert = alertOf(after);
    await this.changes.send({ change: to as AlertChange['change'], alert, changedAt: new Date().toISOString() });
    return alert;
  }

  @Subscription('alertRaised', { resolve: (item: { change: AlertChange }): Served<ServedAlertChange> => item.change })
  alertRaised(@Context() context: GatewayContext, @Args() { kinds }: SubscriptionAlertRaisedArgs) {
    const delivered = new DeliveredOnce();
    return this.feed.subscribe(
      (item) =>
        'change' in item &&
        canSee(context.principal, item.change.alert) &&
        (!kinds || kinds.includes(item.change.alert.kind)) &&
        delivered.first(alertChangeIdentity(item.change)),
      (limit) => context.closeConnection?.(4429, `Too slow: more than ${limit} alerts buffered`),
    );
  }

  @Subscription('noticeIssued', { resolve: (item: { notice: Notice }): Served<ServedNotice> => item.notice })
  noticeIssued(@Context() context: GatewayContext, @Args() { containerNos }: SubscriptionNoticeIssuedArgs) {
    const containers = containerNos ? new Set(containerNos) : undefined;
    const delivered = new DeliveredOnce();
    return this.feed.subscribe(
      (item) =>
        'notice' in item &&
        isNewTo(context.principal, item.notice) &&
        (containers === undefined || containers.has(item.notice.containerNo)) &&
        delivered.first(noticeIdentity(item.notice)),
      (limit) => context.closeConnection?.(4429, `Too slow: more than ${limit} notices buffered`),
    );
  }
}

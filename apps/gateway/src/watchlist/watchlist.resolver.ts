import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Principal } from '@mmt/access';
import { containerNoProblem } from '@mmt/contracts';
import type { ListedJourney } from '@mmt/store';
import {
  DEFAULT_ETA_HOURS,
  etaKey,
  NOTIFICATION_KINDS,
  NotificationsRepository,
  WatchesRepository,
  type NotificationDocument,
  type WatchDocument,
} from '@mmt/watchlist';
import type { GatewayContext } from '../access/gateway-context';
import { badInput, notFound } from '../graphql-errors';
import type {
  MutationFollowArgs,
  MutationUnfollowArgs,
  QueryNotificationsArgs,
  Watch,
  WatchNotification,
} from '../graphql/schema-types';
import type { Served } from '../graphql/served';
import { JourneyQueries } from '../journeys/journey-queries';

const MAX_LIST = 200;
const MAX_ETA_HOURS = 720;
const MAX_REF_LENGTH = 100;
/** An address with one @, something before it and a dotted domain after it; the SMTP server judges the rest. */
const EMAIL_SHAPE = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

const watchView = (watch: WatchDocument): Served<Watch> => ({
  watchId: watch._id,
  type: watch.type,
  ref: watch.ref,
  kinds: watch.kinds,
  etaHours: watch.etaHours,
  email: watch.email,
  language: watch.language === 'zh' ? 'ZH' : 'EN',
  emailOn: watch.emailOn,
  createdAt: watch.createdAt.toISOString(),
});

const notificationView = (notification: NotificationDocument): Served<WatchNotification> => ({
  notificationId: notification._id,
  watchId: notification.watchId,
  kind: notification.kind,
  containerNo: notification.containerNo,
  journeyId: notification.journeyId,
  place: notification.place,
  at: notification.at,
  etaBefore: notification.etaBefore,
  etaAfter: notification.etaAfter,
  createdAt: notification.createdAt.toISOString(),
  email: notification.email.state,
  emailError: notification.email.state === 'SENT' ? undefined : notification.email.lastError,
});

/** The caller's watchlist and notifications: always the caller's own API key's, never another's. */
@Resolver()
export class WatchlistResolver {
  constructor(
    private readonly queries: JourneyQueries,
    private readonly watches: WatchesRepository,
    private readonly notifications: NotificationsRepository,
  ) {}

  @Query('watchlist')
  async watchlist(@Context() { principal }: GatewayContext): Promise<Served<Watch>[]> {
    return (await this.watches.ofFollower(principal.keyId)).map(watchView);
  }

  @Query('notifications')
  async notificationList(
    @Context() { principal }: GatewayContext,
    @Args() { first }: QueryNotificationsArgs,
  ): Promise<Served<WatchNotification>[]> {
    if (typeof first !== 'number' || !Number.isInteger(first) || first < 1 || first > MAX_LIST) {
      throw badInput(`first must be a whole number from 1 to ${MAX_LIST}, not ${String(first)}`);
    }
    return (await this.notifications.ofFollower(principal.keyId, first)).map(notificationView);
  }

  @Mutation('follow')
  async follow(
    @Context() { principal }: GatewayContext,
    @Args() { watch }: MutationFollowArgs,
  ): Promise<Served<Watch>> {
    const ref = watch.type === 'CONTAINER' ? watch.ref.trim().toUpperCase() : watch.ref.trim();
    const kinds = watch.kinds ?? [...NOTIFICATION_KINDS];
    const etaHours = watch.etaHours ?? DEFAULT_ETA_HOURS;
    const email = watch.email?.trim() || undefined;
    if (ref.length === 0 || ref.length > MAX_REF_LENGTH) {
      throw badInput(`watch.ref: must be 1 to ${MAX_REF_LENGTH} characters`);
    }
    const problem = watch.type === 'CONTAINER' ? containerNoProblem(ref) : undefined;
    if (problem !== undefined) {
      throw badInput(`watch.ref: ${problem}`);
    }
    if (kinds.length === 0) {
      throw badInput('watch.kinds: choose at least one kind, or leave it out for all of them');
    }
    if (!Number.isInteger(etaHours) || etaHours < 1 || etaHours > MAX_ETA_HOURS) {
      throw badInput(`watch.etaHours: must be a whole number from 1 to ${MAX_ETA_HOURS}, got ${String(etaHours)}`);
    }
    if (email !== undefined && (email.length > 254 || !EMAIL_SHAPE.test(email))) {
      throw badInput(`watch.email: "${email.slice(0, 254)}" is not an e-mail address`);
    }
    const journeys = await this.visibleJourneys(principal, watch.type, ref);
    const saved = await this.watches.follow(
      { keyId: principal.keyId, role: principal.role, orgId: principal.orgId },
      {
        type: watch.type,
        ref,
        kinds: [...new Set(kinds)],
        etaHours,
        language: watch.language === 'ZH' ? 'zh' : 'en',
        ...(email === undefined ? {} : { email }),
      },
    );
    // ETA_CHANGED is measured from the ETAs as they are now: the first move beyond the hours is told.
    await this.notifications.noteEtas(
      new Map(journeys.flatMap((j) => (j.eta === undefined ? [] : [[etaKey(saved._id, j.journeyId), j.eta]]))),
    );
    return watchView(saved);
  }

  @Mutation('unfollow')
  unfollow(@Context() { principal }: GatewayContext, @Args() { watchId }: MutationUnfollowArgs): Promise<boolean> {
    return this.watches.unfollow(principal.keyId, watchId);
  }

  /** One may follow only what one may see: NOT_FOUND otherwise, exactly as for what does not exist. */
  private async visibleJourneys(
    principal: Principal,
    type: WatchDocument['type'],
    ref: string,
  ): Promise<ListedJourney[]> {
    if (type === 'CONTAINER') {
      return [await this.queries.journey(principal, ref)];
    }
    const journeys = await this.queries.byDocument(principal, { type, ref });
    if (journeys.length === 0) {
      throw notFound(`No journey under ${type} ${ref}`);
    }
    return journeys;
  }
}

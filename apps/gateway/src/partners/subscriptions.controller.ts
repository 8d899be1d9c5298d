import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  Req,
  Res,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import type { Principal } from '@mmt/access';
import {
  attemptsCursor,
  DeliveriesRepository,
  generateSecret,
  subscriptionsCursor,
  subscriptionView,
  SubscriptionsRepository,
  type AttemptsCursor,
  type SubscriptionSettings,
  type SubscriptionsCursor,
} from '@mmt/dcsa';
import { ApiKeyGuard } from './api-key.guard';
import { ApiVersionInterceptor } from './api-version.interceptor';
import { Caller } from './caller.decorator';
import { DcsaError } from './dcsa-error';
import { ListQueryPipe, SecretBodyPipe, SubscriptionBodyPipe } from './partner-pipes';
import { pageLink, type PartnerRequest, type PartnerResponse } from './partner-http';

type Settings = SubscriptionSettings & { secret?: string };

function notFound(id: string): DcsaError {
  return new DcsaError(404, 'notFound', [`No subscription ${id.slice(0, 100)} of your organisation`]);
}

/**
 * `/v2/event-subscriptions` (DCSA Track & Trace 2.2): an organisation's webhook subscriptions, seen and changed
 * only by its own keys. Beyond the standard: the delivery state on every subscription, `POST …/resume` for a
 * paused one, and `GET …/attempts` for the record of every delivery attempt. List cursors are signed.
 */
@Controller('v2/event-subscriptions')
@UseGuards(ApiKeyGuard)
@UseInterceptors(ApiVersionInterceptor)
export class SubscriptionsController {
  constructor(
    private readonly subscriptions: SubscriptionsRepository,
    private readonly deliveries: DeliveriesRepository,
  ) {}

  @Post()
  async create(@Caller() principal: Principal, @Body(new SubscriptionBodyPipe('create')) settings: Settings) {
    const secret = settings.secret ?? generateSecret();
    const created = await this.subscriptions.create(principal, settings, secret);
    // A secret the platform made is shown here once; it cannot be read back.
    return { ...subscriptionView(created, 0), ...(settings.secret === undefined ? { secret } : {}) };
  }

  @Get()
  async list(
    @Caller() principal: Principal,
    @Query(new ListQueryPipe('subscriptions')) page: { limit: number; cursor?: SubscriptionsCursor },
    @Req() req: PartnerRequest,
    @Res({ passthrough: true }) res: PartnerResponse,
  ) {
    const found = await this.subscriptions.list(principal, page.limit + 1, page.cursor?.afterId);
    const shown = found.slice(0, page.limit);
    res.setHeader('Current-Page', req.originalUrl);
    if (found.length > page.limit) {
      const cursor = subscriptionsCursor({ afterId: shown.at(-1)!._id });
      res.setHeader('Next-Page', pageLink(req, { cursor, limit: String(page.limit) }));
    }
    return shown.map((subscription) => subscriptionView(subscription));
  }

  @Get(':id')
  async get(@Caller() principal: Principal, @Param('id') id: string) {
    const found = await this.subscriptions.owned(principal, id);
    if (found === undefined) {
      throw notFound(id);
    }
    return subscriptionView(found, await this.deliveries.pendingCount(found._id));
  }

  @Put(':id')
  async update(
    @Caller() principal: Principal,
    @Param('id') id: string,
    @Body(new SubscriptionBodyPipe('update')) settings: Settings,
    @Body('subscriptionID') bodyId: unknown,
  ) {
    if (bodyId !== undefined && bodyId !== id) {
      throw new DcsaError(400, 'invalidInput', [`subscriptionID: ${JSON.stringify(bodyId)} is not ${id}`]);
    }
    const updated = await this.subscriptions.update(principal, id, settings);
    if (updated === undefined) {
      throw notFound(id);
    }
    return subscriptionView(updated, await this.deliveries.pendingCount(updated._id));
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Caller() principal: Principal, @Param('id') id: string): Promise<void> {
    if (!(await this.subscriptions.remove(principal, id))) {
      throw notFound(id);
    }
    await this.deliveries.removeSubscription(id);
  }

  @Put(':id/secret')
  @HttpCode(204)
  async setSecret(
    @Caller() principal: Principal,
    @Param('id') id: string,
    @Body(SecretBodyPipe) secret: string,
  ): Promise<void> {
    if (!(await this.subscriptions.setSecret(principal, id, secret))) {
      throw notFound(id);
    }
  }

  @Post(':id/resume')
  @HttpCode(200)
  async resume(@Caller() principal: Principal, @Param('id') id: string) {
    const resumed = await this.subscriptions.resume(principal, id);
    if (resumed === undefined) {
      throw notFound(id);
    }
    return subscriptionView(resumed, await this.deliveries.pendingCount(resumed._id));
  }

  @Get(':id/attempts')
  async attempts(
    @Caller() principal: Principal,
    @Param('id') id: string,
    @Query(new ListQueryPipe('attempts')) page: { limit: number; cursor?: AttemptsCursor },
    @Req() req: PartnerRequest,
    @Res({ passthrough: true }) res: PartnerResponse,
  ) {
    if ((await this.subscriptions.owned(principal, id)) === undefined) {
      throw notFound(id);
    }
    const found = await this.deliveries.attemptsOf(id, page.limit + 1, page.cursor?.before);
    const shown = found.slice(0, page.limit);
    res.setHeader('Current-Page', req.originalUrl);
    if (found.length > page.limit) {
      const last = shown.at(-1)!;
      const cursor = attemptsCursor({ before: { at: last.at, id: last._id } });
      res.setHeader('Next-Page', pageLink(req, { cursor, limit: String(page.limit) }));
    }
    return shown.map((attempt) => ({
      attemptDateTime: attempt.at.toISOString(),
      outcome: attempt.outcome,
      ...(attempt.httpStatus === undefined ? {} : { httpStatus: attempt.httpStatus }),
      ...(attempt.error === undefined ? {} : { error: attempt.error }),
      durationMs: attempt.ms,
      eventIDs: attempt.eventIDs,
    }));
  }
}

import { Controller, Delete, Get, Inject, Post, Put, Req, Res } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { ApiKeysRepository, type Principal } from '@mmt/access';
import {
  DEFAULT_PAGE_SIZE,
  DeliveriesRepository,
  generateSecret,
  MAX_PAGE_SIZE,
  parseSubscriptionBody,
  secretError,
  subscriptionView,
  SubscriptionsRepository,
} from '@mmt/dcsa';
import { STORE } from '@mmt/platform';
import { authenticate, guarded, sendError, sendJson, type DcsaRequest, type DcsaResponse } from './dcsa-http';

type Handler = (
  principal: Principal,
  req: DcsaRequest & { params: Record<string, string> },
  res: DcsaResponse,
) => Promise<void>;

function pageParams(req: DcsaRequest, res: DcsaResponse): { limit: number; after?: string } | undefined {
  const limit = req.query.limit === undefined ? DEFAULT_PAGE_SIZE : Number(req.query.limit);
  const cursor = req.query.cursor;
  if (
    !Number.isInteger(limit) ||
    limit < 1 ||
    limit > MAX_PAGE_SIZE ||
    (cursor !== undefined && typeof cursor !== 'string')
  ) {
    sendError(req, res, 400, 'invalidQuery', [
      `limit: a whole number from 1 to ${MAX_PAGE_SIZE}; cursor: from a Next-Page header`,
    ]);
    return undefined;
  }
  return { limit, ...(cursor === undefined ? {} : { after: Buffer.from(cursor, 'base64url').toString('utf8') }) };
}

/**
 * `/v2/event-subscriptions` (DCSA Track & Trace 2.2): an organisation's webhook subscriptions, seen and changed
 * only by its own keys. Beyond the standard: the delivery state on every subscription, `POST …/resume` for a
 * paused one, and `GET …/attempts` for the record of every delivery attempt.
 */
@Controller('v2/event-subscriptions')
export class SubscriptionsController {
  private readonly keys: ApiKeysRepository;
  private readonly subscriptions: SubscriptionsRepository;
  private readonly deliveries: DeliveriesRepository;

  constructor(@Inject(STORE) store: Connection) {
    this.keys = new ApiKeysRepository(store);
    this.subscriptions = new SubscriptionsRepository(store);
    this.deliveries = new DeliveriesRepository(store);
  }

  private serve(req: DcsaRequest, res: DcsaResponse, handler: Handler): Promise<void> {
    return guarded(req, res, async () => {
      const principal = await authenticate(this.keys, req, res);
      if (principal !== undefined) {
        await handler(principal, req as DcsaRequest & { params: Record<string, string> }, res);
      }
    });
  }

  private notFound(req: DcsaRequest, res: DcsaResponse, id: string): void {
    sendError(req, res, 404, 'notFound', [`No subscription ${id} of your organisation`]);
  }

  @Post()
  create(@Req() req: DcsaRequest, @Res() res: DcsaResponse): Promise<void> {
    return this.serve(req, res, async (principal) => {
      const parsed = parseSubscriptionBody(req.body, 'create');
      if (!parsed.ok) {
        sendError(req, res, 400, 'invalidInput', parsed.errors);
        return;
      }
      const secret = parsed.value.secret ?? generateSecret();
      const created = await this.subscriptions.create(principal, parsed.value, secret);
      // A secret the platform made is shown here once; it cannot be read back.
      sendJson(res, 201, { ...subscriptionView(created, 0), ...(parsed.value.secret === undefined ? { secret } : {}) });
    });
  }

  @Get()
  list(@Req() req: DcsaRequest, @Res() res: DcsaResponse): Promise<void> {
    return this.serve(req, res, async (principal) => {
      const page = pageParams(req, res);
      if (page === undefined) {
        return;
      }
      const found = await this.subscriptions.list(principal, page.limit + 1, page.after);
      const shown = found.slice(0, page.limit);
      res.setHeader('Current-Page', req.originalUrl);
      if (found.length > page.limit) {
        const cursor = Buffer.from(shown.at(-1)!._id).toString('base64url');
        res.setHeader('Next-Page', `${req.originalUrl.split('?')[0]}?cursor=${cursor}&limit=${page.limit}`);
      }
      sendJson(
        res,
        200,
        shown.map((subscription) => subscriptionView(subscription)),
      );
    });
  }

  @Get(':id')
  get(@Req() req: DcsaRequest, @Res() res: DcsaResponse): Promise<void> {
    return this.serve(req, res, async (principal, { params }) => {
      const found = await this.subscriptions.owned(principal, params.id);
      if (found === undefined) {
        this.notFound(req, res, params.id);
        return;
      }
      sendJson(res, 200, subscriptionView(found, await this.deliveries.pendingCount(found._id)));
    });
  }

  @Put(':id')
  update(@Req() req: DcsaRequest, @Res() res: DcsaResponse): Promise<void> {
    return this.serve(req, res, async (principal, { params }) => {
      const parsed = parseSubscriptionBody(req.body, 'update');
      const bodyId = (req.body as { subscriptionID?: unknown } | undefined)?.subscriptionID;
      if (!parsed.ok || (bodyId !== undefined && bodyId !== params.id)) {
        sendError(
          req,
          res,
          400,
          'invalidInput',
          parsed.ok ? [`subscriptionID: ${String(bodyId)} is not ${params.id}`] : parsed.errors,
        );
        return;
      }
      const updated = await this.subscriptions.update(principal, params.id, parsed.value);
      if (updated === undefined) {
        this.notFound(req, res, params.id);
        return;
      }
      sendJson(res, 200, subscriptionView(updated, await this.deliveries.pendingCount(updated._id)));
    });
  }

  @Delete(':id')
  remove(@Req() req: DcsaRequest, @Res() res: DcsaResponse): Promise<void> {
    return this.serve(req, res, async (principal, { params }) => {
      if (!(await this.subscriptions.remove(principal, params.id))) {
        this.notFound(req, res, params.id);
        return;
      }
      await this.deliveries.removeSubscription(params.id);
      res.status(204).end();
    });
  }

  @Put(':id/secret')
  setSecret(@Req() req: DcsaRequest, @Res() res: DcsaResponse): Promise<void> {
    return this.serve(req, res, async (principal, { params }) => {
      const secret = (req.body as { secret?: unknown } | undefined)?.secret;
      const error = secretError(secret);
      if (error !== undefined) {
        sendError(req, res, 400, 'invalidInput', [error]);
        return;
      }
      if (!(await this.subscriptions.setSecret(principal, params.id, secret as string))) {
        this.notFound(req, res, params.id);
        return;
      }
      res.status(204).end();
    });
  }

  @Post(':id/resume')
  resume(@Req() req: DcsaRequest, @Res() res: DcsaResponse): Promise<void> {
    return this.serve(req, res, async (principal, { params }) => {
      const resumed = await this.subscriptions.resume(principal, params.id);
      if (resumed === undefined) {
        this.notFound(req, res, params.id);
        return;
      }
      sendJson(res, 200, subscriptionView(resumed, await this.deliveries.pendingCount(resumed._id)));
    });
  }

  @Get(':id/attempts')
  attempts(@Req() req: DcsaRequest, @Res() res: DcsaResponse): Promise<void> {
    return this.serve(req, res, async (principal, { params }) => {
      const page = pageParams(req, res);
      if (page === undefined) {
        return;
      }
      if ((await this.subscriptions.owned(principal, params.id)) === undefined) {
        this.notFound(req, res, params.id);
        return;
      }
      const [at, id] = page.after?.split('|') ?? [];
      const before = at === undefined || id === undefined ? undefined : { at: new Date(Number(at)), id };
      const found = await this.deliveries.attemptsOf(params.id, page.limit + 1, before);
      const shown = found.slice(0, page.limit);
      res.setHeader('Current-Page', req.originalUrl);
      if (found.length > page.limit) {
        const last = shown.at(-1)!;
        const cursor = Buffer.from(`${last.at.getTime()}|${last._id}`).toString('base64url');
        res.setHeader('Next-Page', `${req.originalUrl.split('?')[0]}?cursor=${cursor}&limit=${page.limit}`);
      }
      sendJson(
        res,
        200,
        shown.map((attempt) => ({
          attemptDateTime: attempt.at.toISOString(),
          outcome: attempt.outcome,
          ...(attempt.httpStatus === undefined ? {} : { httpStatus: attempt.httpStatus }),
          ...(attempt.error === undefined ? {} : { error: attempt.error }),
          durationMs: attempt.ms,
          eventIDs: attempt.eventIDs,
        })),
      );
    });
  }
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { ApiKeysRepository } from '@mmt/access';
import { encodeEventsCursor, EventFeedRepository, parseEventsQuery } from '@mmt/dcsa';
import { STORE } from '@mmt/platform';
import { authenticate, guarded, sendError, sendJson, type DcsaRequest, type DcsaResponse } from './dcsa-http';

/**
 * `GET /v2/events` (DCSA Track & Trace 2.2): the events the caller's key may see, filtered as the standard
 * describes, oldest first by eventCreatedDateTime. Pages link on by the `Next-Page` header (absent on the last
 * page); `Current-Page` and `First-Page` repeat this page and the first.
 */
/** The OpenAPI document of the partner API, served at /v2/openapi.yaml and checked against it by the tests. */
export const OPENAPI_FILE = join(__dirname, 'tnt-v2.2.openapi.yaml');

@Controller('v2')
export class EventsController {
  private readonly keys: ApiKeysRepository;
  private readonly feed: EventFeedRepository;

  constructor(@Inject(STORE) store: Connection) {
    this.keys = new ApiKeysRepository(store);
    this.feed = new EventFeedRepository(store);
  }

  @Get('openapi.yaml')
  openapi(@Res() res: DcsaResponse): void {
    res.type('application/yaml').send(readFileSync(OPENAPI_FILE, 'utf8'));
  }

  @Get('events')
  events(@Req() req: DcsaRequest, @Res() res: DcsaResponse): Promise<void> {
    return guarded(req, res, async () => {
      const principal = await authenticate(this.keys, req, res);
      if (principal === undefined) {
        return;
      }
      const parsed = parseEventsQuery(req.query);
      if (!parsed.ok) {
        sendError(req, res, 400, 'invalidQuery', parsed.errors);
        return;
      }
      const query = parsed.value;
      // One more than asked says whether there is a next page.
      const { events: found, horizon } = await this.feed.page(principal, { ...query, limit: query.limit + 1 });
      const page = found.slice(0, query.limit);
      const path = req.originalUrl.split('?')[0];
      const link = (params: Record<string, string>) => `${path}?${new URLSearchParams(params).toString()}`;
      const limit = String(query.limit);
      res.setHeader('Current-Page', req.originalUrl);
      if (query.after !== undefined) {
        res.setHeader('First-Page', link({ cursor: encodeEventsCursor(query.request, 0), limit }));
      }
      const last = page.at(-1);
      if (found.length > query.limit && last !== undefined) {
        res.setHeader('Next-Page', link({ cursor: encodeEventsCursor(query.request, last.pos), limit }));
      } else {
        // The end of the feed for this query: every matching event up to the horizon is on this page, and any
        // event published later gets a greater position, so this link returns exactly what comes next.
        const after = Math.max(horizon, last?.pos ?? 0, query.after ?? 0);
        res.setHeader('Poll-Page', link({ cursor: encodeEventsCursor(query.request, after), limit }));
      }
      sendJson(
        res,
        200,
        page.map((stored) => stored.event),
      );
    });
  }
}

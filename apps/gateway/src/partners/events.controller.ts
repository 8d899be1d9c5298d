import { Controller, Get, Param, Query, Req, Res, UseGuards, UseInterceptors } from '@nestjs/common';
import type { Principal } from '@mmt/access';
import { canMatch, EventFeedRepository, eventsCursor, feedQuery, type DcsaEvent, type EventsPage } from '@mmt/dcsa';
import { ApiKeyGuard } from './api-key.guard';
import { ApiVersionInterceptor } from './api-version.interceptor';
import { Caller } from './caller.decorator';
import { DcsaError } from './dcsa-error';
import { EventsQueryPipe } from './partner-pipes';
import { pageLink, type PartnerRequest, type PartnerResponse } from './partner-http';

/**
 * `GET /v2/events` (DCSA Track & Trace 2.2): the events the caller's key may see, filtered as the standard
 * describes, in the order the platform published them (their `eventCreatedDateTime`, to the microsecond). Page
 * headers: `Current-Page` (this page), `First-Page` (on later pages), `Next-Page` (absent on the last page, as DCSA
 * says) and, on the last page instead, `Poll-Page` (platform extension): polled later, it returns exactly the
 * events published since, none missed, none twice. Their cursors are signed; a cursor changed by hand is a 400.
 * `GET /v2/events/{eventID}`: one event, a 404 when it does not exist or the key may not see it.
 */
@Controller('v2/events')
@UseGuards(ApiKeyGuard)
@UseInterceptors(ApiVersionInterceptor)
export class EventsController {
  constructor(private readonly feed: EventFeedRepository) {}

  @Get()
  async events(
    @Caller() principal: Principal,
    @Query(EventsQueryPipe) page: EventsPage,
    @Req() req: PartnerRequest,
    @Res({ passthrough: true }) res: PartnerResponse,
  ): Promise<DcsaEvent[]> {
    const { request, after, limit } = page;
    const link = (cursorAfter: number | undefined) =>
      pageLink(req, { cursor: eventsCursor({ request, after: cursorAfter }), limit: String(limit) });
    res.setHeader('Current-Page', req.originalUrl);
    if (after !== undefined) {
      res.setHeader('First-Page', link(undefined));
    }
    if (!canMatch(request.filter)) {
      // A filter on data the platform does not hold: no event passes, now or later, so the store is not asked.
      res.setHeader('Poll-Page', link(after));
      return [];
    }
    // One more than asked says whether there is a next page.
    const { events, horizon } = await this.feed.page(principal, feedQuery(page, limit + 1));
    const shown = events.slice(0, limit);
    const last = shown.at(-1);
    if (events.length > limit && last !== undefined) {
      res.setHeader('Next-Page', link(last.pos));
    } else {
      // The end of the feed for this query: every matching event up to the horizon is on this page, and any event
      // published later gets a greater position, so this link returns exactly what comes next.
      res.setHeader('Poll-Page', link(Math.max(horizon, last?.pos ?? 0, after ?? 0)));
    }
    return shown.map((stored) => stored.event);
  }

  @Get(':eventID')
  async event(@Caller() principal: Principal, @Param('eventID') eventID: string): Promise<DcsaEvent> {
    const found = eventID.length <= 100 ? await this.feed.byId(principal, eventID) : undefined;
    if (found === undefined) {
      throw new DcsaError(404, 'notFound', [`No event ${eventID.slice(0, 100)} that this key may see`]);
    }
    return found.event;
  }
}

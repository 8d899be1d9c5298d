import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Collection, Connection } from 'mongoose';
import type { Principal } from '@mmt/access';
import type { Journey } from '@mmt/contracts';
import { STORE } from '@mmt/platform';
import { JourneysRepository } from '@mmt/store';

/** A read-only link to one journey, for anyone who has it, until it expires. Stored by the token's hash only. */
interface ShareLinkDocument {
  readonly _id: string;
  readonly journeyId: string;
  readonly createdBy: string;
  readonly orgId: string;
  readonly createdAt: string;
  readonly expiresAt: string;
}

export type SharedJourney =
  | { readonly found: 'journey'; readonly journey: Journey; readonly expiresAt: string }
  | { readonly found: 'expired'; readonly expiresAt: string }
  | { readonly found: 'unknown' };

export const MAX_SHARE_HOURS = 30 * 24;
const hashOf = (token: string) => createHash('sha256').update(token).digest('base64url');

/** `share_links`: who shared which journey until when. A token is shown once, when it is made. */
@Injectable()
export class ShareLinks implements OnModuleInit {
  private readonly links: Collection<ShareLinkDocument>;

  constructor(
    @Inject(STORE) store: Connection,
    private readonly journeys: JourneysRepository,
  ) {
    this.links = store.collection<ShareLinkDocument>('share_links');
  }

  async onModuleInit(): Promise<void> {
    await this.links.createIndex({ journeyId: 1 });
  }

  /** A new link to a journey the caller may see (the caller checks that), valid for `hours` from `now`. */
  async create(principal: Principal, journeyId: string, hours: number, now = Date.now()) {
    const token = `shr_${randomBytes(24).toString('base64url')}`;
    const expiresAt = new Date(now + hours * 3_600_000).toISOString();
    await this.links.insertOne({
      _id: hashOf(token),
      journeyId,
      createdBy: principal.keyId,
      orgId: principal.orgId,
      createdAt: new Date(now).toISOString(),
      expiresAt,
    });
    return { token, journeyId, expiresAt, path: `/app/#/shared/${token}` };
  }

  async open(token: string, now = Date.now()): Promise<SharedJourney> {
    const link = await this.links.findOne({ _id: hashOf(token) });
    if (link === null) {
      return { found: 'unknown' };
    }
    if (Date.parse(link.expiresAt) <= now) {
      return { found: 'expired', expiresAt: link.expiresAt };
    }
    const journey = await this.journeys.findById(link.journeyId);
    return journey === undefined ? { found: 'unknown' } : { found: 'journey', journey, expiresAt: link.expiresAt };
  }
}

import { randomUUID } from 'node:crypto';
import { BadRequestException, Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import type { Principal } from '@mmt/access';
import type { EdiReply } from '@mmt/contracts';
import { EdiInterchangesRepository, httpOrigin, interchangeSends, receiveInterchange } from '@mmt/edi';
import { Roles } from '../access/roles';
import { Caller } from '../partners/caller.decorator';
import { InterchangeKeyGuard } from './interchange-key.guard';
import { InterchangeSender } from './interchange-sender';

/** The media types an interchange may be POSTed as; the gateway reads their bodies as bytes (at most 8 MiB). */
export const INTERCHANGE_MEDIA_TYPES = [
  'application/edifact',
  'application/EDIFACT',
  'application/octet-stream',
  'text/plain',
];
export const MAX_POSTED_INTERCHANGE_BYTES = 8 * 1024 * 1024;

/**
 * `POST /edi/interchanges` (a SOURCE_SYSTEM key): one UN/EDIFACT interchange in the body, from a sender that speaks
 * for the key's source. It is read and applied exactly as on `raw.edifact.v1` (see docs/edi.md), and the answer is
 * the response: 200 with the `EdiReply` (its CONTRL, and APERAK when a message had business errors), whether the
 * interchange was accepted or not; the same answer goes to `edi.replies.v1`.
 */
@Controller('edi/interchanges')
@Roles(['SOURCE_SYSTEM'], (role) => `Interchanges are sent by source systems: a ${role} key cannot send them`)
// Guards run in the order they are applied, from the bottom: the key first, then its role.
@UseGuards(InterchangeKeyGuard)
export class InterchangesController {
  constructor(
    private readonly interchanges: EdiInterchangesRepository,
    private readonly sender: InterchangeSender,
  ) {}

  @Post()
  @HttpCode(200)
  async post(@Caller() principal: Principal, @Body() body: unknown): Promise<EdiReply> {
    if (!Buffer.isBuffer(body) || body.length === 0) {
      throw new BadRequestException(`Send the interchange as the body, as ${INTERCHANGE_MEDIA_TYPES.join(', ')}`);
    }
    const requestId = `http/${principal.keyId}/${randomUUID()}`;
    const received = await receiveInterchange(body, requestId, this.interchanges, principal.source);
    try {
      await this.sender.send(interchangeSends([{ origin: httpOrigin(requestId, body, principal.orgId), received }]));
    } catch (error) {
      // Nothing may have reached the platform: the caller's retry must be applied, not answered as a duplicate.
      await this.interchanges.forget(requestId);
      throw error;
    }
    return received.reply;
  }
}

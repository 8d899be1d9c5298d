import { Module } from '@nestjs/common';
import { ApiKeysRepository } from '@mmt/access';
import { EdiInterchangesRepository } from '@mmt/edi';
import { StoreModule } from '@mmt/store';
import { InterchangeSender } from './interchange-sender';
import { InterchangesController } from './interchanges.controller';

/** UN/EDIFACT interchanges sent over HTTP by source systems (`POST /edi/interchanges`). */
@Module({
  imports: [StoreModule.forFeature([ApiKeysRepository, EdiInterchangesRepository])],
  controllers: [InterchangesController],
  providers: [InterchangeSender],
})
export class EdiModule {}

import { type DynamicModule, Module } from '@nestjs/common';
import { EdiInterchangesRepository } from '@mmt/edi';
import { consumerServiceModule, type PlatformConfig } from '@mmt/platform';
import { EdiService } from './edi.service';

@Module({})
export class EdiModule {
  static forRoot(config: PlatformConfig): DynamicModule {
    return consumerServiceModule(EdiModule, config, 'edi', {
      repositories: [EdiInterchangesRepository],
      providers: [EdiService],
    });
  }
}

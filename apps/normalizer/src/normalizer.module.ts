import { type DynamicModule, Module } from '@nestjs/common';
import { consumerServiceModule, type PlatformConfig } from '@mmt/platform';
import { ConveyancesRepository } from '@mmt/store';
import { NormalizerService } from './normalizer.service';

@Module({})
export class NormalizerModule {
  static forRoot(config: PlatformConfig): DynamicModule {
    return consumerServiceModule(NormalizerModule, config, 'normalizer', {
      repositories: [ConveyancesRepository],
      providers: [NormalizerService],
    });
  }
}

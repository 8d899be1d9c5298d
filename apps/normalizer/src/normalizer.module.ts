import { type DynamicModule, Module } from '@nestjs/common';
import { consumerServiceModule, type PlatformConfig } from '@mmt/platform';
import { NormalizerService } from './normalizer.service';

@Module({})
export class NormalizerModule {
  static forRoot(config: PlatformConfig): DynamicModule {
    return consumerServiceModule(NormalizerModule, config, 'normalizer', { providers: [NormalizerService] });
  }
}

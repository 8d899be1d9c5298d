import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, type PlatformConfig } from '@mmt/platform';
import { NormalizerService } from './normalizer.service';

@Module({})
export class NormalizerModule {
  static forRoot(config: PlatformConfig): DynamicModule {
    return {
      module: NormalizerModule,
      imports: [PlatformModule.forRoot(config, 'normalizer')],
      providers: [NormalizerService],
    };
  }
}

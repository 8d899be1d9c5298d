import { type DynamicModule, Module } from '@nestjs/common';
import { consumerServiceModule, STORE, type PlatformConfig } from '@mmt/platform';
import { ConveyancesRepository, StoreModule } from '@mmt/store';
import { NormalizerService } from './normalizer.service';

@Module({})
export class NormalizerModule {
  static forRoot(config: PlatformConfig): DynamicModule {
    return consumerServiceModule(NormalizerModule, config, 'normalizer', {
      imports: [StoreModule.forConnection(STORE), StoreModule.forFeature([ConveyancesRepository])],
      providers: [NormalizerService],
    });
  }
}

import { type DynamicModule, Module } from '@nestjs/common';
import { consumerServiceModule, type PlatformConfig } from '@mmt/platform';
import { ProjectorService } from './projector.service';

@Module({})
export class ProjectorModule {
  static forRoot(config: PlatformConfig): DynamicModule {
    return consumerServiceModule(ProjectorModule, config, 'projector', { providers: [ProjectorService] });
  }
}

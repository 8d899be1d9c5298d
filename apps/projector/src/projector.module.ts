import { type DynamicModule, Module } from '@nestjs/common';
import { consumerServiceModule, type PlatformConfig } from '@mmt/platform';
import { EventLogRepository, JourneysRepository } from '@mmt/store';
import { ProjectorService } from './projector.service';

@Module({})
export class ProjectorModule {
  static forRoot(config: PlatformConfig): DynamicModule {
    return consumerServiceModule(ProjectorModule, config, 'projector', {
      repositories: [EventLogRepository, JourneysRepository],
      providers: [ProjectorService],
    });
  }
}

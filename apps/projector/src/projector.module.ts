import { type DynamicModule, Module } from '@nestjs/common';
import { consumerServiceModule, STORE, type PlatformConfig } from '@mmt/platform';
import { EventLogRepository, JourneysRepository, StoreModule } from '@mmt/store';
import { ProjectorService } from './projector.service';

@Module({})
export class ProjectorModule {
  static forRoot(config: PlatformConfig): DynamicModule {
    return consumerServiceModule(ProjectorModule, config, 'projector', {
      imports: [StoreModule.forConnection(STORE), StoreModule.forFeature([EventLogRepository, JourneysRepository])],
      providers: [ProjectorService],
    });
  }
}

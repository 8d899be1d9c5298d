import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, type PlatformConfig } from '@mmt/platform';
import { ProjectorService } from './projector.service';

@Module({})
export class ProjectorModule {
  static forRoot(config: PlatformConfig): DynamicModule {
    return {
      module: ProjectorModule,
      imports: [PlatformModule.forRoot(config, 'projector')],
      providers: [ProjectorService],
    };
  }
}

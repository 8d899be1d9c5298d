import 'reflect-metadata';
import { runService } from '@mmt/platform';
import { ProjectorModule } from './projector.module';

runService('projector', (config) => ProjectorModule.forRoot(config));

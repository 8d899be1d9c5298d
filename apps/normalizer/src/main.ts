import 'reflect-metadata';
import { runService } from '@mmt/platform';
import { NormalizerModule } from './normalizer.module';

runService('normalizer', (config) => NormalizerModule.forRoot(config));

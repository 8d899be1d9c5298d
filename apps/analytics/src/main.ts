import 'reflect-metadata';
import { runService } from '@mmt/platform';
import { AnalyticsModule } from './analytics.module';

runService('analytics', (config) => AnalyticsModule.forRoot(config));

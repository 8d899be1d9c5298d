import 'reflect-metadata';
import { runService } from '@mmt/platform';
import { AlertsModule } from './alerts.module';

runService('alerts', (config) => AlertsModule.forRoot(config));

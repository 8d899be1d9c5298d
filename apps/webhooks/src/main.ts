import 'reflect-metadata';
import { runService } from '@mmt/platform';
import { WebhooksModule } from './webhooks.module';

runService('webhooks', (config) => WebhooksModule.forRoot(config));

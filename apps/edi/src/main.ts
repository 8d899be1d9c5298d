import 'reflect-metadata';
import { runService } from '@mmt/platform';
import { EdiModule } from './edi.module';

runService('edi', (config) => EdiModule.forRoot(config));

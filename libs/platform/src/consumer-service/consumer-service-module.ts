import type { DynamicModule, ModuleMetadata, Provider, Type } from '@nestjs/common';
import { PlatformModule } from '../platform.module';
import type { PlatformConfig } from '../platform-config';
import type { ServiceWithOpsPort } from '../service-main';
import { ConsumerRuntime } from './consumer-runtime';

/**
 * The module of a Kafka service: the platform (Kafka, store, topic names, ops endpoints, logger), the service's
 * own ConsumerRuntime, and its providers.
 */
export function consumerServiceModule(
  module: Type,
  config: PlatformConfig,
  service: ServiceWithOpsPort,
  parts: { readonly providers: Provider[]; readonly imports?: ModuleMetadata['imports'] },
): DynamicModule {
  return {
    module,
    imports: [PlatformModule.forRoot(config, service), ...(parts.imports ?? [])],
    providers: [ConsumerRuntime, ...parts.providers],
  };
}

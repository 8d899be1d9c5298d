import type { DynamicModule, ModuleMetadata, Provider, Type } from '@nestjs/common';
import { StoreModule, type RepositoryClass } from '@mmt/store';
import { PlatformModule } from '../platform.module';
import type { PlatformConfig } from '../platform-config';
import type { ServiceWithOpsPort } from '../service-main';
import { ConsumerRuntime } from './consumer-runtime';

/**
 * The module of a Kafka service: the platform (Kafka, store, topic names, ops endpoints, logger), the service's
 * own ConsumerRuntime, its repositories (StoreModule.forFeature, which creates their indexes at module init, so
 * before the runtime reads the first batch), and its providers.
 */
export function consumerServiceModule(
  module: Type,
  config: PlatformConfig,
  service: ServiceWithOpsPort,
  parts: {
    readonly repositories: readonly RepositoryClass[];
    readonly providers: Provider[];
    readonly imports?: ModuleMetadata['imports'];
  },
): DynamicModule {
  return {
    module,
    imports: [
      PlatformModule.forRoot(config, service),
      StoreModule.forFeature(parts.repositories),
      ...(parts.imports ?? []),
    ],
    providers: [ConsumerRuntime, ...parts.providers],
  };
}

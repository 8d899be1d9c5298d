import { type DynamicModule, Inject, Injectable, Module, type OnModuleInit, type Provider } from '@nestjs/common';
import type { Connection } from 'mongoose';
import type { IndexOwner } from './index-owner';

/**
 * The token of the process's store connection. PlatformModule provides it (connectStore); it is defined here,
 * beside the repositories built on it, so that the store library needs nothing from the layers above it.
 */
export const STORE = Symbol('STORE');

/** A repository class: built on the store connection alone, and the owner of its collections' indexes. */
export type RepositoryClass<T extends IndexOwner = IndexOwner> = new (connection: Connection) => T;

const FEATURE_REPOSITORIES = Symbol('FEATURE_REPOSITORIES');

/** Creates the indexes of a feature's repositories before the application serves or consumes anything. */
@Injectable()
class IndexCreation implements OnModuleInit {
  constructor(@Inject(FEATURE_REPOSITORIES) private readonly owners: readonly IndexOwner[]) {}

  async onModuleInit(): Promise<void> {
    for (const owner of this.owners) {
      await owner.ensureIndexes();
    }
  }
}

/**
 * The one way a NestJS module gets repositories: `imports: [StoreModule.forFeature([JourneysRepository, …])]`.
 * Each repository is built here on the STORE connection and its indexes are created at module init (creating
 * an index that exists is a no-op, so every process that uses a collection does it, whoever did before).
 * Outside NestJS (tools, tests) a repository is built with `new` on a connection.
 */
@Module({})
export class StoreModule {
  static forFeature(repositories: readonly RepositoryClass[]): DynamicModule {
    const providers: Provider[] = repositories.map((repository) => ({
      provide: repository,
      useFactory: (connection: Connection) => new repository(connection),
      inject: [STORE],
    }));
    return {
      module: StoreModule,
      providers: [
        ...providers,
        {
          provide: FEATURE_REPOSITORIES,
          useFactory: (...owners: IndexOwner[]) => owners,
          inject: [...repositories],
        },
        IndexCreation,
      ],
      exports: [...repositories],
    };
  }
}

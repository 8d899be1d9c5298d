import { Global, Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Connection } from 'mongoose';
import type { IndexOwner } from './index-owner';
import { STORE, StoreModule } from './store.module';

/** Stands in for a repository: it records the connection it was built on and each index creation. */
class RecordingRepository implements IndexOwner {
  static readonly created: RecordingRepository[] = [];
  indexesEnsured = 0;

  constructor(readonly connection: Connection) {
    RecordingRepository.created.push(this);
  }

  ensureIndexes(): Promise<void> {
    this.indexesEnsured += 1;
    return Promise.resolve();
  }
}

/** A global module that provides `connection` under `token`, as PlatformModule does. */
function connectionModule(token: symbol, connection: Connection): DynamicModule {
  @Global()
  @Module({})
  class ConnectionModule {}
  return { module: ConnectionModule, providers: [{ provide: token, useValue: connection }], exports: [token] };
}

/** The repository an application of these modules built, after its start-up. */
async function repositoryOf(imports: (DynamicModule | typeof FeatureModule)[]): Promise<RecordingRepository> {
  @Module({ imports })
  class AppModule {}
  const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
  try {
    return app.get(RecordingRepository, { strict: false });
  } finally {
    await app.close();
  }
}

/** A feature module: it gets its repositories from the store module. */
@Module({ imports: [StoreModule.forFeature([RecordingRepository])] })
class FeatureModule {}

describe(StoreModule.name, () => {
  beforeEach(() => RecordingRepository.created.splice(0));

  it('builds each repository once on the STORE connection and creates its indexes before the application starts', async () => {
    const connection = { name: 'the process connection' } as unknown as Connection;
    const repository = await repositoryOf([connectionModule(STORE, connection), FeatureModule]);
    expect(RecordingRepository.created).toEqual([repository]);
    expect(repository.connection).toBe(connection);
    expect(repository.indexesEnsured).toBe(1);
  });
});

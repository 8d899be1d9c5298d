import { Global, Module } from '@nestjs/common';
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

describe(StoreModule.name, () => {
  it('builds each repository once on the STORE connection and creates its indexes before the application starts', async () => {
    const connection = { name: 'the process connection' } as unknown as Connection;
    // As PlatformModule does: the connection is global, the repositories belong to the feature that imports them.
    @Global()
    @Module({ providers: [{ provide: STORE, useValue: connection }], exports: [STORE] })
    class ConnectionModule {}
    @Module({ imports: [StoreModule.forFeature([RecordingRepository])] })
    class FeatureModule {}
    @Module({ imports: [ConnectionModule, FeatureModule] })
    class AppModule {}

    const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
    try {
      const repository = app.get(RecordingRepository, { strict: false });
      expect(RecordingRepository.created).toEqual([repository]);
      expect(repository.connection).toBe(connection);
      expect(repository.indexesEnsured).toBe(1);
    } finally {
      await app.close();
    }
  });

  it('takes the connection another module provides under its own token (forConnection)', async () => {
    const PLATFORM_CONNECTION = Symbol('PLATFORM_CONNECTION');
    const connection = { name: 'the platform connection' } as unknown as Connection;
    @Global()
    @Module({ providers: [{ provide: PLATFORM_CONNECTION, useValue: connection }], exports: [PLATFORM_CONNECTION] })
    class PlatformLikeModule {}
    @Module({ imports: [StoreModule.forFeature([RecordingRepository])] })
    class FeatureModule {}
    @Module({ imports: [PlatformLikeModule, StoreModule.forConnection(PLATFORM_CONNECTION), FeatureModule] })
    class AppModule {}

    const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
    try {
      expect(app.get(RecordingRepository, { strict: false }).connection).toBe(connection);
    } finally {
      await app.close();
    }
  });
});

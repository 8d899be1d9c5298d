import { Module } from '@nestjs/common';
import { StatisticsResolver } from './statistics.resolver';

/** The port office's statistics and the count of containers now. */
@Module({ providers: [StatisticsResolver] })
export class StatisticsModule {}

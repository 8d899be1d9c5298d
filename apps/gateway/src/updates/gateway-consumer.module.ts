import { Module } from '@nestjs/common';
import { GatewayConsumer } from './gateway-consumer';

/** The gateway instance's one Kafka consumer, shared by the feeds of every module that imports this one. */
@Module({ providers: [GatewayConsumer], exports: [GatewayConsumer] })
export class GatewayConsumerModule {}

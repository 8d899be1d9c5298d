import { Injectable } from '@nestjs/common';
import { TOPICS, type AlertChange, type Notice, type TopicName } from '@mmt/contracts';
import { KafkaFeed } from '../updates/kafka-feed';

export type AlertFeedItem = { readonly change: AlertChange } | { readonly notice: Notice };

/** This gateway instance's feed of alert changes and inspection notices. */
@Injectable()
export class AlertFeed extends KafkaFeed<AlertFeedItem> {
  protected feedName(): string {
    return 'alerts';
  }

  protected readTopics(): readonly TopicName[] {
    return [TOPICS.alerts, TOPICS.notices];
  }

  protected parse(topic: TopicName, value: unknown): AlertFeedItem | undefined {
    const item = value as Partial<AlertChange & Notice> | null | undefined;
    if (topic === TOPICS.alerts) {
      return typeof item?.alert?.alertId === 'string' ? { change: item as AlertChange } : undefined;
    }
    return typeof item?.noticeId === 'string' ? { notice: item as Notice } : undefined;
  }
}

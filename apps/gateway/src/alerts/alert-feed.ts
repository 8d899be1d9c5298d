import { Injectable } from '@nestjs/common';
import { parseAlertChange, parseNotice, TOPICS, type AlertChange, type Notice, type TopicName } from '@mmt/contracts';
import { KafkaFeed } from '../updates/kafka-feed';

export type AlertFeedItem = { readonly change: AlertChange } | { readonly notice: Notice };

/** This gateway instance's feed of alert changes and inspection notices. */
@Injectable()
export class AlertFeed extends KafkaFeed<AlertFeedItem> {
  protected readTopics(): readonly TopicName[] {
    return [TOPICS.alerts, TOPICS.notices];
  }

  /** Alert and notice subscriptions name no keys: each item is offered to all of them. */
  protected keyOf(): undefined {
    return undefined;
  }

  protected parse(topic: TopicName, bytes: Buffer | null): AlertFeedItem | undefined {
    if (topic === TOPICS.alerts) {
      const change = parseAlertChange(bytes);
      return change.ok ? { change: change.value } : undefined;
    }
    const notice = parseNotice(bytes);
    return notice.ok ? { notice: notice.value } : undefined;
  }
}

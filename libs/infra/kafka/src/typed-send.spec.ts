import { parseNotice, TOPICS, type Notice } from '@mmt/contracts';
import { payloadMessages } from './typed-send';

describe(payloadMessages.name, () => {
  it("encodes each payload so that the topic's parser reads it back, keyed as given", () => {
    const notice = { noticeId: 'n-1', containerNo: 'CSQU3054383' } as Notice;
    const { topic, messages } = payloadMessages(TOPICS.notices, [{ key: notice.containerNo, payload: notice }]);
    expect(topic).toBe('tracking.notices.v1');
    expect(messages.map((m) => m.key)).toEqual(['CSQU3054383']);
    expect(parseNotice(messages[0].value as Buffer)).toEqual({ ok: true, value: notice });
  });
});

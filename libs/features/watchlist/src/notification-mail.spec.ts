import { openCursor } from '@mmt/dcsa';
import { notificationMail } from './notification-mail';
import type { NotificationDocument } from './watch';

const notification = (language: 'en' | 'zh'): NotificationDocument => ({
  _id: 'w_1|INSPECTION|e2',
  watchId: 'w_1',
  keyId: 'key-1',
  kind: 'INSPECTION',
  containerNo: 'CSNU1234560',
  journeyId: 'CSNU1234560/BILL_OF_LADING:WSCL1',
  watchType: 'BILL_OF_LADING',
  watchRef: 'WSCL<1>',
  place: { locode: 'CNQZH', facility: 'QCT' },
  at: '2026-03-04T03:00:00Z',
  language,
  createdAt: new Date(),
  email: { state: 'PENDING', to: 'a@example.com', tries: 0 },
});

describe(notificationMail.name, () => {
  it('writes the place by name and the time in its own zone, and escapes what the HTML shows', () => {
    const mail = notificationMail(notification('en'), 'https://track.example.com/', 'track.example.com');
    expect(mail.subject).toBe('CSNU1234560: Customs inspection notice (Qinzhou · Qinzhou container terminal)');
    expect(mail.text).toContain('4 Mar 2026, 11:00 GMT+8');
    expect(mail.text).toContain('https://track.example.com/app/#/track/CSNU1234560');
    expect(mail.html).toContain('bill of lading WSCL&lt;1&gt;');
    expect(mail.messageId).toBe('<w_1.INSPECTION.e2@track.example.com>');
  });

  it('writes Chinese for a Chinese watch, with an unsubscribe link that carries the signed watch id', () => {
    const mail = notificationMail(notification('zh'), 'https://track.example.com', 'track.example.com');
    expect(mail.subject).toContain('海关查验通知');
    expect(mail.html).toContain('lang="zh-CN"');
    const token = mail.unsubscribeUrl.replace('https://track.example.com/unsubscribe/', '');
    expect(openCursor('unsubscribe', token)).toBe('w_1');
    expect(openCursor('journeys', token)).toBeUndefined();
    expect(mail.text).toContain(mail.unsubscribeUrl);
  });
});

import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { startMailSink } from './mail-sink';

describe(startMailSink.name, () => {
  it('takes a message over SMTP and keeps it whole as an .eml file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mail-sink-'));
    const sink = await startMailSink(dir);
    try {
      await createTransport(sink.url).sendMail({
        from: 'tracking@example.com',
        to: 'shipper@example.com',
        subject: 'CSNU1234560: 海关查验通知',
        text: 'Customs selected the container.',
      });
    } finally {
      await sink.close();
    }
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/\.eml$/);
    const eml = readFileSync(join(dir, files[0]), 'utf8');
    expect(eml).toContain('To: shipper@example.com');
    expect(eml).toContain('Customs selected the container.');
  });
});

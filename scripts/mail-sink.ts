/**
 * The demo's mail server: a local SMTP server (smtp-server) on 127.0.0.1 that accepts every message and keeps it as
 * an .eml file, so that `npm start` shows the notification e-mails without a real mail server. Not for production:
 * it takes any sender and recipient, without TLS or authentication.
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { SMTPServer } from 'smtp-server';

export interface MailSink {
  /** The SMTP_URL of the sink. */
  readonly url: string;
  readonly close: () => Promise<void>;
}

/** Listens on a free port and writes each message to `<dir>/<time>-<n>.eml`. */
export async function startMailSink(dir: string): Promise<MailSink> {
  mkdirSync(dir, { recursive: true });
  let count = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData: (stream, _session, callback) => {
      count += 1;
      const file = join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${count}.eml`);
      pipeline(stream, createWriteStream(file)).then(
        () => callback(),
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// Dev mailer: each message becomes one JSON file under MAIL_OUTBOX_DIR and a log line, so a
// newcomer can read their verification code without an SMTP server.
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import type { Clock } from '../clock.ts';
import type { MailMessage, Mailer } from './mailer.ts';

export function outboxMailer(dir: string, clock: Clock, log?: (line: string) => void): Mailer {
  return {
    async send(message: MailMessage) {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const sentAt = clock.now().toISOString();
      const file = `${dir}/${sentAt.replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.json`;
      await writeFile(file, `${JSON.stringify({ ...message, sentAt }, null, 2)}\n`, { mode: 0o600 });
      log?.(`mail to the outbox: ${file}`);
    },
  };
}

// Dev mailer: each message becomes one JSON file under MAIL_OUTBOX_DIR and a log line, so a
// newcomer can read their verification code without an SMTP server. File names sort in sending
// order (clock time, then a per-process sequence), even when a test clock stands still.
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import type { Clock } from '../clock.ts';
import type { MailMessage, Mailer } from './mailer.ts';

export function outboxMailer(dir: string, clock: Clock, log?: (line: string) => void): Mailer {
  let sequence = 0;
  return {
    async send(message: MailMessage) {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const sentAt = clock.now().toISOString();
      sequence += 1;
      const order = String(sequence).padStart(8, '0');
      const file = `${dir}/${sentAt.replace(/[:.]/g, '-')}-${order}-${randomBytes(4).toString('hex')}.json`;
      await writeFile(file, `${JSON.stringify({ ...message, sentAt }, null, 2)}\n`, { mode: 0o600 });
      log?.(`mail to the outbox: ${file}`);
    },
  };
}

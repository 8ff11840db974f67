import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Mailer } from './mailer.ts';
import { outboxMailer } from './outbox.ts';
import { smtpMailer } from './smtp.ts';

export type { MailMessage, Mailer } from './mailer.ts';

export function createMailer(config: Config, clock: Clock, log?: (line: string) => void): Mailer {
  return config.smtpUrl
    ? smtpMailer(config.smtpUrl, config.mailFrom)
    : outboxMailer(config.mailOutboxDir, clock, log);
}

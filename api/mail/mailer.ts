// Outgoing mail. Two implementations: the dev outbox (outbox.ts, a JSON file per message) and
// SMTP through nodemailer (smtp.ts) when SMTP_URL is set.

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

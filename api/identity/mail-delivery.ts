// Sends one identity mail; a failed send is a 503 the person can retry, never a 500.
import { unavailable } from '../errors.ts';
import type { MailMessage } from '../mail/mailer.ts';
import type { Services } from '../services.ts';

/** `onMailError` hears why a send failed (never the address: it may be in the error text). */
export async function deliverMail(
  services: Services,
  message: MailMessage,
  onMailError: (reason: string) => void,
): Promise<void> {
  try {
    await services.mailer.send(message);
  } catch (error) {
    const e = error as { code?: unknown; name?: unknown };
    onMailError(String(e.code ?? e.name ?? 'unknown'));
    throw unavailable('We could not send the e-mail just now. Try again in a minute.', 60);
  }
}

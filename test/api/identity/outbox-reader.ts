// Test helpers for identity: read mails from the dev outbox, and sign a person up end to end.
import { readdir, readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { MailMessage } from '../../../api/mail/mailer.ts';
import type { TestServices } from '../../support/services.ts';

export interface SentMail extends MailMessage {
  sentAt: string;
}

/** Every mail to one address, oldest first (outbox file names sort in sending order). */
export async function mailsTo(services: TestServices, address: string): Promise<SentMail[]> {
  await services.background.idle(); // sign-up and reset mail after they answer
  const dir = services.config.mailOutboxDir;
  const files = await readdir(dir).catch(() => [] as string[]);
  const mails: SentMail[] = [];
  for (const file of files.filter((f) => f.endsWith('.json')).sort()) {
    const mail = JSON.parse(await readFile(`${dir}/${file}`, 'utf8')) as SentMail;
    if (mail.to === address) mails.push(mail);
  }
  return mails;
}

/** The code in the newest mail to this address. */
export async function latestCode(services: TestServices, address: string): Promise<string> {
  const mails = await mailsTo(services, address);
  const code = /\b(\d{6})\b/.exec(mails.at(-1)?.text ?? '')?.[1];
  if (!code) throw new Error(`no code was mailed to ${address}`);
  return code;
}

/** Any six digits other than the right ones. */
export const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

export async function signUp(
  app: FastifyInstance,
  services: TestServices,
  email: string,
  password: string,
): Promise<{ token: string; member: { kind: string; company: { slug: string; name: string } | null } }> {
  const registered = await app.inject({
    method: 'POST',
    url: '/v1/auth/register',
    payload: { email, password },
  });
  expect(registered.statusCode).toBe(202);
  const code = await latestCode(services, email);
  const verified = await app.inject({ method: 'POST', url: '/v1/auth/verify', payload: { email, code } });
  expect(verified.statusCode).toBe(201);
  return verified.json();
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

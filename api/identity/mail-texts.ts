// The mails identity sends. A code mail is the only place its code ever exists in clear.
import type { MailMessage } from '../mail/mailer.ts';
import { CODE_TTL_MINUTES } from './signup-codes.ts';

export function signupCodeMail(to: string, code: string): MailMessage {
  return {
    to,
    subject: `Your Watercooler code: ${code}`,
    text: [
      `Your Watercooler verification code is ${code}.`,
      '',
      `It expires in ${CODE_TTL_MINUTES} minutes. Enter it with this e-mail address to finish signing up.`,
      '',
      'If you did not ask for this, ignore this e-mail: no account is made without the code.',
      'Watercooler never stores your e-mail address, only a keyed hash of it.',
    ].join('\n'),
  };
}

/** Sent instead of a code when the address already has an account: the API answer stays the same. */
export function signupAttemptMail(to: string): MailMessage {
  return {
    to,
    subject: 'Someone tried to sign up with your address',
    text: [
      'Someone (perhaps you) tried to create a Watercooler account with this e-mail address,',
      'but it already has one. Nothing was changed.',
      '',
      'If it was you, sign in with your password instead. If it was not, you can ignore this e-mail.',
    ].join('\n'),
  };
}

export function resetCodeMail(to: string, code: string): MailMessage {
  return {
    to,
    subject: `Your Watercooler password reset code: ${code}`,
    text: [
      `Your Watercooler password reset code is ${code}.`,
      '',
      `It expires in ${CODE_TTL_MINUTES} minutes. Enter it with this e-mail address and a new password.`,
      'Setting a new password signs out every device signed in to your account.',
      '',
      'If you did not ask for this, ignore this e-mail: your password stays as it is without the code.',
    ].join('\n'),
  };
}

/** Sent instead of a code when the address has no account: the API answer stays the same. */
export function resetNoAccountMail(to: string): MailMessage {
  return {
    to,
    subject: 'Password reset for an address without an account',
    text: [
      'Someone (perhaps you) asked to reset a Watercooler password for this e-mail address,',
      'but no account uses it. Nothing was changed.',
      '',
      'If you meant to sign up, register at /v1/auth/register. If it was not you, ignore this e-mail.',
    ].join('\n'),
  };
}

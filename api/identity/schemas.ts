// Request and response shapes of the identity routes (TypeBox → JSON Schema, shown in /docs).
// Bodies are strict: unknown fields are refused, nothing is coerced.
import { type Static, Type } from 'typebox';
import { PASSWORD_MAX, PASSWORD_MIN } from './passwords.ts';

const Email = Type.String({ format: 'email', maxLength: 254, description: 'Your e-mail address.' });

const NewPassword = Type.String({
  minLength: PASSWORD_MIN,
  maxLength: PASSWORD_MAX,
  description: `${PASSWORD_MIN} to ${PASSWORD_MAX} characters.`,
});
const Code = Type.String({ pattern: '^[0-9]{6}$', description: 'The 6-digit code from the e-mail.' });

export const RegisterBody = Type.Object(
  { email: Email, password: NewPassword },
  { additionalProperties: false },
);
export type RegisterBody = Static<typeof RegisterBody>;

export const VerifyBody = Type.Object(
  {
    email: Email,
    code: Code,
  },
  { additionalProperties: false },
);
export type VerifyBody = Static<typeof VerifyBody>;

export const LoginBody = Type.Object(
  { email: Email, password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX }) },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const PasswordResetBody = Type.Object({ email: Email }, { additionalProperties: false });
export type PasswordResetBody = Static<typeof PasswordResetBody>;

export const PasswordResetConfirmBody = Type.Object(
  { email: Email, code: Code, password: NewPassword },
  { additionalProperties: false },
);
export type PasswordResetConfirmBody = Static<typeof PasswordResetConfirmBody>;

export const RegisterAccepted = Type.Object({ status: Type.Literal('code_sent'), message: Type.String() });

const CompanyRef = Type.Union([Type.Object({ slug: Type.String(), name: Type.String() }), Type.Null()]);
const MemberKind = Type.Union([Type.Literal('employee'), Type.Literal('verified'), Type.Literal('member')]);

export const Session = Type.Object({
  token: Type.String({ description: 'Send as "Authorization: Bearer <token>".' }),
  expiresAt: Type.String({ format: 'date-time' }),
});

export const VerifiedSession = Type.Object({
  token: Type.String(),
  expiresAt: Type.String({ format: 'date-time' }),
  member: Type.Object({ kind: MemberKind, company: CompanyRef }),
});

export const Me = Type.Object({ memberKind: MemberKind, company: CompanyRef });

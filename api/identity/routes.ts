// HTTP routes of api/identity/: register → verify → login → logout, a forgotten password's reset,
// and the caller's own account (/v1/me). No answer ever carries an account id, an e-mail or its hash.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { findCompanyById } from '../companies/repository.ts';
import { unauthorized } from '../errors.ts';
import type { Services } from '../services.ts';
import { deleteAccount } from './delete-account.ts';
import { requireEmail } from './email.ts';
import { login } from './login.ts';
import { UnknownAddressFailures } from './login-backoff.ts';
import { dummyPasswordHash } from './passwords.ts';
import { confirmPasswordReset, RESET_REQUESTED, requestPasswordReset } from './password-reset.ts';
import { REGISTER_ACCEPTED, register } from './register.ts';
import {
  LoginBody,
  Me,
  PasswordResetBody,
  PasswordResetConfirmBody,
  RegisterAccepted,
  RegisterBody,
  Session,
  VerifiedSession,
  VerifyBody,
} from './schemas.ts';
import { revokeSession } from './sessions.ts';
import { UnknownAddressCodes } from './unknown-address-codes.ts';
import { verify } from './verify.ts';

export const identityRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  // Sign-up and reset do different work for an address with an account and one without; doing it
  // after the answer keeps that difference out of the answer's timing (background-work.ts).
  const afterAnswer = (request: FastifyRequest, what: string, work: () => Promise<void>) =>
    services.background.start(work, (err) => request.log.error({ err }, `${what} could not finish`));
  app.addHook('onClose', () => services.background.idle());
  // Per instance, bounded: the stand-ins for addresses that have no account (enumeration).
  const unknownCodes = new UnknownAddressCodes();
  const unknownResetCodes = new UnknownAddressCodes();
  const unknownFailures = new UnknownAddressFailures();
  const dummyHash = dummyPasswordHash();
  // Made now in the background, so the first unknown login is not the one slower answer.
  dummyHash().catch(() => {});

  app.post<{ Body: RegisterBody }>(
    '/auth/register',
    {
      config: { routeClass: 'auth' },
      schema: {
        tags: ['auth'],
        summary: 'Start signing up: mails a 6-digit code (10 minutes, 5 tries) to the address',
        description:
          'Always answers 202 with the same body, whether or not the address already has an account.',
        body: RegisterBody,
        response: { 202: RegisterAccepted },
      },
    },
    async (request, reply) => {
      requireEmail(request.body.email); // a bad address is a 400 now; the rest runs after the answer
      afterAnswer(request, 'sign-up', () =>
        register(services, unknownCodes, request.body, (reason) =>
          request.log.warn({ reason }, 'sign-up mail could not be sent'),
        ),
      );
      reply.status(202);
      return REGISTER_ACCEPTED;
    },
  );

  app.post<{ Body: VerifyBody }>(
    '/auth/verify',
    {
      config: { routeClass: 'auth' },
      schema: {
        tags: ['auth'],
        summary: 'Finish signing up with the mailed code; returns a session and what the address proved',
        body: VerifyBody,
        response: { 201: VerifiedSession },
      },
    },
    async (request, reply) => {
      const verified = await verify(services, unknownCodes, request.body);
      reply.status(201);
      return verified;
    },
  );

  app.post<{ Body: LoginBody }>(
    '/auth/login',
    {
      config: { routeClass: 'auth' },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with e-mail and password; returns a bearer token',
        body: LoginBody,
        response: { 200: Session },
      },
    },
    async (request) => login(services, unknownFailures, dummyHash, request.body),
  );

  app.post<{ Body: PasswordResetBody }>(
    '/auth/password-reset',
    {
      config: { routeClass: 'auth' },
      schema: {
        tags: ['auth'],
        summary: 'Forgot your password: mails a 6-digit code (10 minutes, 5 tries) to the address',
        description: 'Always answers 202 with the same body, whether or not the address has an account.',
        body: PasswordResetBody,
        response: { 202: RegisterAccepted },
      },
    },
    async (request, reply) => {
      requireEmail(request.body.email); // as for sign-up: check now, work after the answer
      afterAnswer(request, 'password reset', () =>
        requestPasswordReset(services, unknownResetCodes, request.body, (reason) =>
          request.log.warn({ reason }, 'password reset mail could not be sent'),
        ),
      );
      reply.status(202);
      return RESET_REQUESTED;
    },
  );

  app.post<{ Body: PasswordResetConfirmBody }>(
    '/auth/password-reset/confirm',
    {
      config: { routeClass: 'auth' },
      schema: {
        tags: ['auth'],
        summary: 'Set a new password with the mailed code; signs out every other session',
        body: PasswordResetConfirmBody,
        response: { 200: Session },
      },
    },
    async (request) => confirmPasswordReset(services, unknownResetCodes, request.body),
  );

  app.post(
    '/auth/logout',
    {
      config: { routeClass: 'auth' },
      preHandler: app.requireAccount,
      schema: {
        tags: ['auth'],
        summary: 'Sign out: this session token stops working',
        security: [{ bearer: [] }],
      },
    },
    async (request, reply) => {
      if (!request.sessionToken) throw unauthorized();
      await revokeSession(services.db, request.sessionToken);
      reply.status(204).send();
    },
  );

  app.get(
    '/me',
    {
      config: { routeClass: 'account' },
      preHandler: app.requireAccount,
      schema: {
        tags: ['account'],
        summary: 'What your e-mail proved: member kind and employer',
        security: [{ bearer: [] }],
        response: { 200: Me },
      },
    },
    async (request) => {
      const account = request.account!;
      const company = account.companyId ? await findCompanyById(services.db, account.companyId) : null;
      return {
        memberKind: account.memberKind,
        company: company ? { slug: company.slug, name: company.name } : null,
      };
    },
  );

  app.delete(
    '/me',
    {
      config: { routeClass: 'account' },
      preHandler: app.requireAccount,
      schema: {
        tags: ['account'],
        summary: 'Delete your account and sessions; your posts stay, with no author',
        security: [{ bearer: [] }],
      },
    },
    async (request, reply) => {
      await deleteAccount(services.db, services.keys, request.account!.id);
      reply.status(204).send();
    },
  );
};

// The error handler's answer to a lost database: 503, Retry-After and the API's error shape, for
// every kind of connection failure node-postgres reports; anything else unexpected stays a 500.
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installErrorHandling } from '../../../api/http/error-handler.ts';

const withCode = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('error handler: database down', () => {
  let app: FastifyInstance;
  const failures: Record<string, Error> = {
    refused: withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'),
    'admin-shutdown': withCode('57P01', 'terminating connection due to administrator command'),
    'starting-up': withCode('57P03', 'the database system is starting up'),
    terminated: new Error('Connection terminated unexpectedly'),
    'connect-timeout': new Error('timeout exceeded when trying to connect'),
    bug: new TypeError("Cannot read properties of undefined (reading 'id')"),
  };

  beforeAll(async () => {
    app = Fastify({ logger: false });
    installErrorHandling(app);
    app.get<{ Params: { kind: string } }>('/fail/:kind', async (request) => {
      throw failures[request.params.kind]!;
    });
    await app.ready();
  });
  afterAll(() => app.close());

  it.each(['refused', 'admin-shutdown', 'starting-up', 'terminated', 'connect-timeout'])(
    '%s → 503 with Retry-After and a JSON error',
    async (kind) => {
      const response = await app.inject({ method: 'GET', url: `/fail/${kind}` });
      expect(response.statusCode).toBe(503);
      expect(response.headers['retry-after']).toBe('5');
      expect(response.json()).toEqual({
        error: {
          code: 'UNAVAILABLE',
          message: 'The database is briefly unavailable. Try again in a few seconds.',
        },
      });
    },
  );

  it('a bug stays a 500 that says nothing about it', async () => {
    const response = await app.inject({ method: 'GET', url: '/fail/bug' });
    expect(response.statusCode).toBe(500);
    expect(response.json().error.code).toBe('INTERNAL');
    expect(response.body).not.toContain('reading');
  });
});

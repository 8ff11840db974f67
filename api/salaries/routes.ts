// HTTP routes of api/salaries/: report a salary, list and delete your own reports.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../services.ts';
import { deleteMySalary, listMySalaries, submitSalary } from './salary-reports.ts';
import { MySalariesSchema, NoQuery, SalaryBody, SalaryIdParams, SubmittedSchema } from './schemas.ts';

const tags = ['salaries'];
const security = [{ bearer: [] }];

export const salariesRoutes: FastifyPluginAsync<{ services: Services }> = async (plain, { services }) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/salaries',
    {
      config: { routeClass: 'write' },
      preHandler: app.requireAccount,
      schema: {
        tags,
        security,
        summary: 'Report your salary at your employer',
        description:
          'Verified employees only, about their own employer. One report per job family and year: a second ' +
          'one replaces the first. Published only in aggregates of at least K_ANON people.',
        querystring: NoQuery,
        body: SalaryBody,
        response: { 201: SubmittedSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await submitSalary(services, request.account!, request.body)),
  );

  app.get(
    '/me/salaries',
    {
      config: { routeClass: 'account' },
      preHandler: app.requireAccount,
      schema: {
        tags,
        security,
        summary: 'Your own salary reports, while they are still linked to you',
        description:
          'A report leaves this list 90 days after the end of the year it was made, when its link to you is destroyed.',
        querystring: NoQuery,
        response: { 200: MySalariesSchema },
      },
    },
    async (request) => ({ items: await listMySalaries(services, request.account!) }),
  );

  app.delete(
    '/me/salaries/:id',
    {
      config: { routeClass: 'write' },
      preHandler: app.requireAccount,
      schema: {
        tags,
        security,
        summary: 'Delete one of your salary reports',
        params: SalaryIdParams,
        querystring: NoQuery,
        response: { 204: { type: 'null', description: 'Deleted.' } },
      },
    },
    async (request, reply) => {
      await deleteMySalary(services, request.account!, request.params.id);
      return reply.status(204).send(null);
    },
  );
};

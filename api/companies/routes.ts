// Companies: the public list (GET /v1/companies) and the operator's POST /v1/operator/companies.
// The list shows what a board is and which addresses verify for it; never how many members it has.
import type { FastifyPluginAsync } from 'fastify';
import { type Static, Type } from 'typebox';
import { badRequest } from '../errors.ts';
import { GENERAL_BOARD } from '../forum/boards.ts';
import { cleanText, type TextRule } from '../forum/text-rules.ts';
import { isFreeMailDomain } from '../identity/free-mail.ts';
import { operatorGuard } from '../operator/require-operator.ts';
import type { Services } from '../services.ts';
import { isValidDomain, normaliseDomain } from './domains.ts';
import { createCompany, listCompanies } from './repository.ts';

const CompanyView = Type.Object(
  {
    slug: Type.String(),
    name: Type.String(),
    domains: Type.Array(Type.String()),
  },
  { additionalProperties: false },
);

const NewCompanyBody = Type.Object(
  {
    slug: Type.String({
      minLength: 2,
      maxLength: 60,
      pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$',
      description: 'Lower-case letters, digits and single hyphens, e.g. acme-cloud.',
    }),
    name: Type.String({ minLength: 1, maxLength: 120 }),
    domains: Type.Array(Type.String({ minLength: 3, maxLength: 253 }), {
      minItems: 1,
      maxItems: 50,
      description: 'E-mail domains the company owns, e.g. acme.example. Subdomains are included.',
    }),
  },
  { additionalProperties: false },
);
type NewCompanyBody = Static<typeof NewCompanyBody>;

/** A company name is shown on boards and aliases: one line of visible text. */
const COMPANY_NAME_RULE: TextRule = { field: 'name', min: 1, max: 120, multiline: false };

function cleanDomains(raw: readonly string[]): string[] {
  const domains = [...new Set(raw.map(normaliseDomain))];
  for (const domain of domains) {
    if (!isValidDomain(domain))
      throw badRequest(
        'INVALID_DOMAIN',
        `"${domain}" is not an e-mail domain. Give host names such as acme.example (letters, digits, hyphens and dots).`,
      );
    if (isFreeMailDomain(domain))
      throw badRequest(
        'FREE_MAIL_DOMAIN',
        `${domain} is a free-mail provider: anyone can have an address there, so it cannot verify an employer.`,
      );
  }
  return domains;
}

export const companiesRoutes: FastifyPluginAsync<{ services: Services }> = async (app, { services }) => {
  app.get(
    '/companies',
    {
      config: { routeClass: 'public' },
      schema: {
        tags: ['companies'],
        summary: 'Every company with its slug, name and the e-mail domains that verify for it',
        response: { 200: Type.Object({ companies: Type.Array(CompanyView) }) },
      },
    },
    async () => {
      const companies = await listCompanies(services.db);
      return { companies: companies.map(({ slug, name, domains }) => ({ slug, name, domains })) };
    },
  );

  app.post<{ Body: NewCompanyBody }>(
    '/operator/companies',
    {
      config: { routeClass: 'operator' },
      // Before body validation: without the token a caller learns nothing, not even the schema.
      onRequest: operatorGuard(services.secrets.OPERATOR_TOKEN),
      schema: {
        tags: ['operator'],
        summary: 'Add a company and the e-mail domains it owns (operator token in X-Operator-Token)',
        body: NewCompanyBody,
        response: { 201: CompanyView },
      },
    },
    async (request, reply) => {
      if (!request.body.name.trim())
        throw badRequest('INVALID_NAME', 'body.name must contain more than spaces.');
      const name = cleanText(request.body.name, COMPANY_NAME_RULE);
      if (request.body.slug === GENERAL_BOARD) {
        throw badRequest(
          'RESERVED_SLUG',
          `"${GENERAL_BOARD}" is the general board's name; choose another slug.`,
        );
      }
      const company = await createCompany(services.db, services.clock, services.random, {
        slug: request.body.slug,
        name,
        domains: cleanDomains(request.body.domains),
      });
      reply.status(201);
      return { slug: company.slug, name: company.name, domains: company.domains };
    },
  );
};

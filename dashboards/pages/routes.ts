// Dashboard pages: HTML that works without JavaScript (filters are a GET form) and the JSON page
// models the browser redraws from when a filter changes. The operator page's HTML is public but
// its model (and all its data) needs the operator token.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../../api/errors.ts';
import { operatorGuard } from '../../api/operator/require-operator.ts';
import type { Services } from '../../api/services.ts';
import type { PublishedData } from '../data/published-data.ts';
import { CONTENT_SECURITY_POLICY, indexPage, operatorPage, researcherPage, unavailablePage } from './html.ts';
import { operatorModel } from './operator.ts';
import { type PageModel, type PageText, type ResolvedPage, researcherPageModel } from './page-model.ts';
import { resolveSalaries, SALARIES_TEXT } from './salaries.ts';
import { resolveSentiment, SENTIMENT_TEXT } from './sentiment.ts';

const TAGS = ['dashboards'];
const value = (description: string) => Type.Optional(Type.String({ maxLength: 100, description }));
const SalariesQuery = Type.Object({
  company: value('Company slug'),
  family: value('Job family'),
  year: value('Year'),
  level: value('Level for the company comparison, L1–L8'),
});
const SentimentQuery = Type.Object({
  company: value('Company slug'),
  month: value('Month as YYYY-MM, for the topic heat map and biggest movers'),
});
const strict = <T extends object>(schema: T) => ({ ...schema, additionalProperties: false });

/** Filters in a fixed order: equal selections share one cached model. */
const modelKey = (query: Record<string, string>) =>
  Object.entries(query)
    .filter(([name]) => ['company', 'family', 'year', 'level', 'month'].includes(name))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');

function sendHtml(reply: FastifyReply, html: string, status = 200) {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('content-security-policy', CONTENT_SECURITY_POLICY)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-cache')
    .send(html);
}

export function registerPageRoutes(
  app: FastifyInstance,
  { services, data }: { services: Services; data: PublishedData },
): void {
  const researcherPages: {
    page: 'salaries' | 'sentiment';
    text: PageText;
    query: typeof SalariesQuery | typeof SentimentQuery;
    resolve: (data: PublishedData, query: Record<string, string>) => Promise<ResolvedPage>;
  }[] = [
    { page: 'salaries', text: SALARIES_TEXT, query: SalariesQuery, resolve: resolveSalaries },
    { page: 'sentiment', text: SENTIMENT_TEXT, query: SentimentQuery, resolve: resolveSentiment },
  ];

  app.get(
    '/dashboards',
    { config: { routeClass: 'public' }, schema: { tags: TAGS, summary: 'Index of the dashboards' } },
    (_request, reply) => sendHtml(reply, indexPage()),
  );

  for (const { page, text, query, resolve } of researcherPages) {
    const { title } = text;
    const model = (filters: Record<string, string>): Promise<PageModel> =>
      data.model(`${page}|${modelKey(filters)}`, async () =>
        researcherPageModel(page, text, await resolve(data, filters)),
      );
    app.get(
      `/dashboards/${page}`,
      {
        config: { routeClass: 'public' },
        schema: {
          tags: TAGS,
          summary: `${title} dashboard (HTML); filters in the query string`,
          querystring: query,
        },
      },
      async (request, reply) => {
        try {
          return sendHtml(reply, researcherPage(await model(request.query as Record<string, string>)));
        } catch (error) {
          if (error instanceof AppError && error.statusCode === 503) {
            for (const [name, header] of Object.entries(error.headers)) reply.header(name, header);
            return sendHtml(reply, unavailablePage(title, page, error.message), 503);
          }
          throw error;
        }
      },
    );
    app.get(
      `/dashboards/${page}/model.json`,
      {
        config: { routeClass: 'public' },
        schema: {
          tags: TAGS,
          summary: `${title} dashboard as JSON: filters, Vega-Lite specs and data URLs`,
          querystring: strict(query),
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-cache');
        return model(request.query as Record<string, string>);
      },
    );
  }

  app.get(
    '/dashboards/operator',
    {
      config: { routeClass: 'public' },
      schema: {
        tags: TAGS,
        summary: 'Scraper-defence dashboard (HTML shell; data needs the operator token)',
      },
    },
    (_request, reply) => sendHtml(reply, operatorPage()),
  );

  const requireOperator = operatorGuard(services.secrets.OPERATOR_TOKEN);
  app.get(
    '/dashboards/operator/model.json',
    {
      config: { routeClass: 'operator' },
      preHandler: requireOperator,
      schema: {
        tags: TAGS,
        summary: 'Scraper-defence dashboard as JSON (X-Operator-Token)',
        querystring: Type.Object({}, { additionalProperties: false }),
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'private, no-store');
      return data.model('operator', () => operatorModel(data));
    },
  );
}

// The data API: GET /v1/data (the dictionary) and GET /v1/data/<published table> as Arrow IPC
// (default), CSV or Parquet, with ETag and Cache-Control. Only tables in published-tables.ts are
// reachable; the operator-only table answers only to X-Operator-Token.
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../../api/errors.ts';
import { operatorGuard } from '../../api/operator/require-operator.ts';
import type { Services } from '../../api/services.ts';
import { PUBLISHED_TABLES, type PublishedTable, publishedTable } from '../warehouse/published-tables.ts';
import { dataDictionary } from './dictionary.ts';
import { canonicalQuery, type DataRequest, parseDataRequest } from './filters.ts';
import type { PublishedData, TableAnswer } from './published-data.ts';
import { selectStatement } from './select-sql.ts';
import { ARROW_STREAM, toArrowStream } from './to-arrow.ts';
import { CSV, toCsv } from './to-csv.ts';
import { PARQUET, toParquet } from './to-parquet.ts';

const TAGS = ['data'];
const Filters = Type.Record(Type.String(), Type.String({ maxLength: 2000 }), {
  description:
    'Filters named after columns (see GET /v1/data): col=a,b for a list, col_from / col_to for ranges; format=arrow|csv|parquet.',
});

/** Public tables may be cached by anyone for a few minutes; operator data only by the browser. */
const PUBLIC_CACHE = 'public, max-age=300, stale-while-revalidate=60';
const OPERATOR_CACHE = 'private, no-cache';

export function etagOf(body: Uint8Array | string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag;
  });
}

export function registerDataRoutes(
  app: FastifyInstance,
  { services, data }: { services: Services; data: PublishedData },
): void {
  const requireOperator = operatorGuard(services.secrets.OPERATOR_TOKEN);

  /** Queries and encodes a table; the caller caches the answer by warehouse version. */
  async function encode(table: PublishedTable, request: DataRequest): Promise<TableAnswer> {
    let body: Buffer;
    let type: string;
    let disposition: string | undefined;
    if (request.format === 'parquet') {
      await data.requirePublished();
      body = await toParquet(data.reader, selectStatement(table, request.filters));
      type = PARQUET;
      disposition = `attachment; filename="${table.name}.parquet"`;
    } else {
      const result = await data.read(table, request.filters);
      if (request.format === 'csv') {
        body = Buffer.from(toCsv(table.columns, result));
        type = CSV;
        disposition = `attachment; filename="${table.name}.csv"`;
      } else {
        const bytes = toArrowStream(table.columns, result);
        body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        type = ARROW_STREAM;
      }
    }
    return { body, type, disposition, etag: etagOf(body), bytes: body.byteLength };
  }

  async function serveTable(table: PublishedTable, request: FastifyRequest, reply: FastifyReply) {
    if (table.audience === 'operator') await requireOperator(request);
    const dataRequest = parseDataRequest(table, request.query as Record<string, unknown>);
    const key = `${table.name}|${dataRequest.format}|${canonicalQuery(dataRequest)}`;
    const answer = await data.tables.through(key, data.version(), () => encode(table, dataRequest));
    reply
      .header('etag', answer.etag)
      .header('cache-control', table.audience === 'operator' ? OPERATOR_CACHE : PUBLIC_CACHE);
    if (matchesEtag(request.headers['if-none-match'], answer.etag)) return reply.code(304).send();
    if (answer.disposition) reply.header('content-disposition', answer.disposition);
    return reply.type(answer.type).send(answer.body);
  }

  app.get(
    '/v1/data',
    {
      config: { routeClass: 'public' },
      schema: {
        tags: TAGS,
        summary: 'Data dictionary: every published table and column, the k threshold and the latest release',
        querystring: Type.Object({}, { additionalProperties: false }),
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=60');
      return dataDictionary(data);
    },
  );

  for (const table of PUBLISHED_TABLES.filter((t) => t.audience === 'operator')) {
    app.get(
      `/v1/data/${table.name}`,
      {
        config: { routeClass: 'operator' },
        schema: {
          tags: TAGS,
          summary: `${table.description} (X-Operator-Token)`,
          querystring: Filters,
        },
      },
      (request, reply) => serveTable(table, request, reply),
    );
  }

  app.get(
    '/v1/data/:table',
    {
      config: { routeClass: 'public' },
      schema: {
        tags: TAGS,
        summary: 'One published table as Arrow IPC (default), CSV or Parquet, filtered by column',
        params: Type.Object({ table: Type.String({ maxLength: 100 }) }, { additionalProperties: false }),
        querystring: Filters,
      },
    },
    (request, reply) => {
      const name = (request.params as { table: string }).table;
      const table = publishedTable(name);
      if (!table) {
        throw new AppError(
          404,
          'NOT_A_PUBLISHED_TABLE',
          `There is no published table "${name.slice(0, 64)}". Published tables: ${PUBLISHED_TABLES.map((t) => t.name).join(', ')} (see GET /v1/data).`,
        );
      }
      return serveTable(table, request, reply);
    },
  );
}

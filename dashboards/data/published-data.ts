// The published tables as the dashboards see them: read a table through the allow-list with
// filters, find the newest release and its k, and tell which tables the warehouse holds yet.
import type { Config } from '../../api/config.ts';
import { AppError } from '../../api/errors.ts';
import { PUBLISHED_TABLES, type PublishedTable, publishedTable } from '../warehouse/published-tables.ts';
import type { PageModel } from '../pages/page-model.ts';
import { warehouseVersion } from '../warehouse/file-version.ts';
import { notPublishedYet, type QueryResult, WarehouseReader } from '../warehouse/warehouse-reader.ts';
import { AnswerCache, type Sized } from './answer-cache.ts';
import { toChartRows, type ChartRow } from './chart-rows.ts';
import { type Filter, parseDataRequest } from './filters.ts';
import { selectStatement } from './select-sql.ts';

export interface Release {
  readonly release_id: number | string;
  readonly created_at: string | null;
  readonly k_anon: number | null;
  readonly epsilon: number | null;
  readonly epsilon_spent: number | null;
  readonly notes: string | null;
}

/** An encoded table as sent: body, its ETag and headers. */
export interface TableAnswer extends Sized {
  readonly body: Buffer;
  readonly etag: string;
  readonly type: string;
  readonly disposition?: string;
}

export interface ModelAnswer extends Sized {
  readonly model: PageModel;
}

interface LookupAnswer extends Sized {
  readonly result: QueryResult;
}

export class PublishedData {
  readonly reader: WarehouseReader;
  /** Encoded tables and page models, kept while the warehouse file is unchanged. */
  readonly tables = new AnswerCache<TableAnswer>();
  readonly models = new AnswerCache<ModelAnswer>(200, 16 * 1024 * 1024);
  /** Answers that only change with the warehouse (filter choices, the latest release). */
  readonly lookups = new AnswerCache<LookupAnswer>(50, 4 * 1024 * 1024);
  readonly #path: string;
  readonly #configK: number;

  constructor(config: Pick<Config, 'warehousePath' | 'kAnon'>) {
    this.reader = new WarehouseReader(config.warehousePath);
    this.#path = config.warehousePath;
    this.#configK = config.kAnon;
  }

  /** Changes whenever anything is committed to the warehouse; null while there is no file. */
  version(): string | null {
    return warehouseVersion(this.#path);
  }

  /** A page model from the cache, or built and kept until the warehouse changes. */
  async model(key: string, build: () => Promise<PageModel>): Promise<PageModel> {
    const answer = await this.models.through(key, this.version(), async () => {
      const model = await build();
      return { model, bytes: JSON.stringify(model).length };
    });
    return answer.model;
  }

  /**
   * A query whose answer changes only when the warehouse does (a page's filter choices), run once
   * per warehouse version: a page asked for with unknown filter values costs no DuckDB query.
   */
  async lookup(sql: string): Promise<QueryResult> {
    const answer = await this.lookups.through(sql, this.version(), async () => {
      const result = await this.reader.query(sql);
      return { result, bytes: 64 * result.rowCount * Math.max(1, result.columnNames.length) };
    });
    return answer.result;
  }

  /** A table's rows; no rows at all before the first release is "not published yet", not empty. */
  async read(table: PublishedTable, filters: readonly Filter[]): Promise<QueryResult> {
    const statement = selectStatement(table, filters);
    const result = await this.reader.query(statement.sql, statement.params);
    if (result.rowCount === 0) await this.requirePublished();
    return result;
  }

  /** Throws NOT_PUBLISHED_YET unless a release exists (tables can exist, empty, before it). */
  async requirePublished(): Promise<void> {
    if ((await this.latestRelease()) === null) throw notPublishedYet('the releases table is empty');
  }

  /** Rows for charts, filtered as a query string would be (`{company_slug: 'acme'}`). */
  async chartRows(tableName: string, query: Record<string, string>): Promise<ChartRow[]> {
    const table = publishedTable(tableName);
    if (!table) throw new AppError(500, 'INTERNAL', `No published table ${tableName}.`);
    const request = parseDataRequest(table, query);
    return toChartRows(table.columns, await this.read(table, request.filters));
  }

  /** The newest release, or null when nothing has been published yet. */
  async latestRelease(): Promise<Release | null> {
    const releases = publishedTable('releases') as PublishedTable;
    const statement = selectStatement(releases, []);
    let result: QueryResult;
    try {
      result = await this.lookup(
        `SELECT * FROM (${statement.sql}) ORDER BY created_at DESC, release_id DESC LIMIT 1`,
      );
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_PUBLISHED_YET') return null;
      throw error;
    }
    const rows = toChartRows(releases.columns, result);
    const row = rows[0];
    if (!row) return null;
    const num = (v: unknown) => (typeof v === 'number' ? v : null);
    return {
      release_id: typeof row.release_id === 'number' ? row.release_id : String(row.release_id),
      created_at: typeof row.created_at === 'number' ? new Date(row.created_at).toISOString() : null,
      k_anon: num(row.k_anon),
      epsilon: num(row.epsilon),
      epsilon_spent: num(row.epsilon_spent),
      notes: typeof row.notes === 'string' ? row.notes : null,
    };
  }

  /** The k that suppressed cells are described with: the release's, else the configured K_ANON. */
  kOf(release: Release | null): number {
    return release?.k_anon ?? this.#configK;
  }

  /** Names of the published tables the warehouse holds; empty when there is no warehouse yet. */
  async tablesPresent(): Promise<Set<string>> {
    try {
      const result = await this.reader.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' AND table_name IN (${PUBLISHED_TABLES.map((_, i) => `$${i + 1}`).join(', ')})`,
        PUBLISHED_TABLES.map((t) => t.name),
      );
      return new Set((result.columns[0] ?? []).map(String));
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_PUBLISHED_YET') return new Set();
      throw error;
    }
  }

  close(): void {
    this.reader.close();
  }
}

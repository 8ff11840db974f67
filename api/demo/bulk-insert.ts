// Column-wise row buffers, written either with one INSERT … SELECT FROM unnest($1::type[], …) (or
// UPDATE … FROM unnest) per batch — one round trip for thousands of rows, the same SQL on PostgreSQL
// and PGlite; each column travels as one array literal string, bytea as hex text decoded in SQL —
// or, on a real PostgreSQL, as COPY … FROM STDIN text (api/demo/copy-in.ts), which the server parses
// for less than the arrays (test/bench/RESULTS.md, "Demo data generator").
import type { Queryable, SqlParam } from '../db/index.ts';

export type ColumnType = 'text' | 'int4' | 'bool' | 'timestamptz' | 'date' | 'numeric' | 'bytea';

type Cell = string | number | boolean | Buffer | null;

export class BulkTable {
  readonly #table: string;
  readonly #names: readonly string[];
  readonly #types: readonly ColumnType[];
  readonly #sql: string;
  readonly #copySql: string | null;
  #columns: Cell[][];

  /**
   * Inserts rows into `table`; with `updateBy`, updates the rows whose `updateBy` column matches
   * the first column instead (the other columns are set).
   */
  constructor(
    table: string,
    columns: readonly (readonly [name: string, type: ColumnType])[],
    options: { updateBy?: string } = {},
  ) {
    this.#table = table;
    this.#names = columns.map(([name]) => name);
    this.#types = columns.map(([, type]) => type);
    this.#columns = columns.map(() => []);
    const params = this.#types.map((type, i) => `$${i + 1}::${type === 'bytea' ? 'text' : type}[]`);
    const value = (name: string, i: number) =>
      this.#types[i] === 'bytea' ? `decode(u.${name}, 'hex')` : `u.${name}`;
    const source = `unnest(${params.join(', ')}) AS u(${this.#names.join(', ')})`;
    if (options.updateBy) {
      const sets = this.#names.slice(1).map((name, i) => `${name} = ${value(name, i + 1)}`);
      this.#sql = `UPDATE ${table} AS t SET ${sets.join(', ')} FROM ${source} WHERE t.${options.updateBy} = u.${this.#names[0]}`;
      this.#copySql = null;
    } else {
      this.#sql = `INSERT INTO ${table} (${this.#names.join(', ')}) SELECT ${this.#names.map(value).join(', ')} FROM ${source}`;
      this.#copySql = `COPY ${table} (${this.#names.join(', ')}) FROM STDIN`;
    }
  }

  get table(): string {
    return this.#table;
  }

  get length(): number {
    return this.#columns[0]!.length;
  }

  /** One row, values in column order. Buffers become hex at once: strings are cheaper to keep. */
  push(...row: Cell[]): void {
    if (row.length !== this.#columns.length)
      throw new Error(`${this.#table}: expected ${this.#columns.length} values, got ${row.length}`);
    for (let i = 0; i < row.length; i++) {
      const value = row[i]!;
      this.#columns[i]!.push(Buffer.isBuffer(value) ? value.toString('hex') : value);
    }
  }

  /** Hands the buffered rows over (to be written later) and starts an empty buffer. */
  take(): BufferedRows {
    const rows = new BufferedRows(this.#sql, this.#copySql, this.#types, this.#columns);
    this.#columns = this.#names.map(() => []);
    return rows;
  }
}

/** BufferedRows as plain data, e.g. after crossing to a worker thread. */
export interface PlainRows {
  readonly sql: string;
  readonly copySql: string | null;
  readonly types: readonly ColumnType[];
  readonly columns: readonly Cell[][];
}

export class BufferedRows implements PlainRows {
  static from(plain: PlainRows): BufferedRows {
    return new BufferedRows(plain.sql, plain.copySql, plain.types, plain.columns);
  }

  constructor(
    readonly sql: string,
    /** COPY … FROM STDIN for these columns; null for updates, which COPY cannot do. */
    readonly copySql: string | null,
    readonly types: readonly ColumnType[],
    readonly columns: readonly Cell[][],
  ) {}

  get length(): number {
    return this.columns[0]?.length ?? 0;
  }

  /** Writes the rows in statements of at most `batchSize` rows. */
  async write(tx: Queryable, batchSize: number): Promise<number> {
    for (let from = 0; from < this.length; from += batchSize) {
      const to = Math.min(this.length, from + batchSize);
      const params: SqlParam[] = this.columns.map((column, i) =>
        arrayLiteral(this.types[i]!, column, from, to),
      );
      await tx.query(this.sql, params);
    }
    return this.length;
  }

  /** The rows as COPY text (tab-separated, \N for NULL), in chunks of at most `batchSize` rows. */
  copyChunks(batchSize: number): Buffer[] {
    const chunks: Buffer[] = [];
    const width = this.columns.length;
    for (let from = 0; from < this.length; from += batchSize) {
      const to = Math.min(this.length, from + batchSize);
      const lines = new Array<string>(to - from);
      for (let row = from; row < to; row++) {
        let line = copyCell(this.types[0]!, this.columns[0]![row]);
        for (let i = 1; i < width; i++) line += `\t${copyCell(this.types[i]!, this.columns[i]![row])}`;
        lines[row - from] = line;
      }
      chunks.push(Buffer.from(`${lines.join('\n')}\n`, 'utf8'));
    }
    return chunks;
  }
}

const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
};

/** One value in COPY's text format: backslash escapes for the separators, bytea as \\x + hex. */
function copyCell(type: ColumnType, value: Cell | undefined): string {
  if (value === null || value === undefined) return '\\N';
  if (type === 'bytea') return `\\\\x${value as string}`;
  if (typeof value === 'string')
    return COPY_SPECIAL.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]!) : value;
  if (typeof value === 'boolean') return value ? 't' : 'f';
  return String(value);
}

const NEEDS_ESCAPE = /["\\]/;

/**
 * A PostgreSQL array literal ({"a","b",NULL}) built here in one join: the drivers' own per-element
 * array encoding costs more than the database's parsing at a million rows.
 */
function arrayLiteral(type: ColumnType, column: readonly Cell[], from: number, to: number): string {
  const parts = new Array<string>(to - from);
  for (let i = from; i < to; i++) {
    const value = column[i];
    let part: string;
    if (value === null || value === undefined) part = 'NULL';
    else if (type === 'bytea') part = value as string;
    else if (typeof value === 'string')
      part = NEEDS_ESCAPE.test(value) ? `"${value.replace(/["\\]/g, '\\$&')}"` : `"${value}"`;
    else part = String(value);
    parts[i - from] = part;
  }
  return `{${parts.join(',')}}`;
}

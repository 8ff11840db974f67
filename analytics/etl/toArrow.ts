// Source rows from PostgreSQL → Apache Arrow record batches, one per claimed batch, and the small
// column builders and readers the later stages use. Strings and bytes go into one buffer per
// column (offsets + data), numbers into typed arrays: no per-value objects survive this stage.
import {
  Binary,
  type Data,
  type DataType,
  Float32,
  Float64,
  Int32,
  makeData,
  RecordBatch,
  type TypeMap,
  Uint8,
  Utf8,
} from 'apache-arrow';

// ---------- column builders ----------

function validity(values: readonly unknown[]): { nullBitmap: Uint8Array | undefined; nullCount: number } {
  let nullCount = 0;
  for (const value of values) if (value === null || value === undefined) nullCount++;
  if (nullCount === 0) return { nullBitmap: undefined, nullCount };
  const bitmap = new Uint8Array((values.length + 7) >> 3);
  for (let i = 0; i < values.length; i++) {
    if (values[i] !== null && values[i] !== undefined) bitmap[i >> 3]! |= 1 << (i & 7);
  }
  return { nullBitmap: bitmap, nullCount };
}

export function utf8Column(values: readonly (string | null | undefined)[]): Data<Utf8> {
  const offsets = new Int32Array(values.length + 1);
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    total += value ? Buffer.byteLength(value, 'utf8') : 0;
    offsets[i + 1] = total;
  }
  const bytes = Buffer.allocUnsafe(total);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value) bytes.write(value, offsets[i]!, 'utf8');
  }
  return makeData({
    type: new Utf8(),
    length: values.length,
    valueOffsets: offsets,
    data: bytes,
    ...validity(values),
  });
}

export function binaryColumn(values: readonly (Uint8Array | null | undefined)[]): Data<Binary> {
  const offsets = new Int32Array(values.length + 1);
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    total += values[i]?.length ?? 0;
    offsets[i + 1] = total;
  }
  const bytes = new Uint8Array(total);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value) bytes.set(value, offsets[i]!);
  }
  return makeData({
    type: new Binary(),
    length: values.length,
    valueOffsets: offsets,
    data: bytes,
    ...validity(values),
  });
}

export const float64Column = (values: Float64Array): Data<Float64> =>
  makeData({ type: new Float64(), length: values.length, data: values });
export const float32Column = (values: Float32Array): Data<Float32> =>
  makeData({ type: new Float32(), length: values.length, data: values });
export const int32Column = (values: Int32Array): Data<Int32> =>
  makeData({ type: new Int32(), length: values.length, data: values });
export const uint8Column = (values: Uint8Array): Data<Uint8> =>
  makeData({ type: new Uint8(), length: values.length, data: values });

// ---------- column readers ----------

export function column<T extends TypeMap, K extends keyof T & string>(
  batch: RecordBatch<T>,
  name: K,
): Data<T[K]> {
  const vector = batch.getChild(name);
  if (vector?.data.length !== 1) throw new Error(`record batch column ${name} is missing`);
  return vector.data[0] as Data<T[K]>;
}

const isNull = (data: Data<DataType>, i: number): boolean =>
  data.nullCount > 0 && data.nullBitmap !== undefined && (data.nullBitmap[i >> 3]! & (1 << (i & 7))) === 0;

export function utf8At(data: Data<Utf8>, i: number): string | null {
  if (isNull(data, i)) return null;
  const offsets = data.valueOffsets;
  const bytes = data.values;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(
    'utf8',
    offsets[i],
    offsets[i + 1],
  );
}

export function binaryAt(data: Data<Binary>, i: number): Buffer | null {
  if (isNull(data, i)) return null;
  const offsets = data.valueOffsets;
  const start = offsets[i]!;
  const end = offsets[i + 1]!;
  return Buffer.from(data.values.buffer, data.values.byteOffset + start, end - start);
}

// ---------- source batches ----------

/** Flag bits of a source post. */
export const POST_DELETED = 1;
export const POST_AUTHOR_GONE = 2;
export const POST_CANARY = 4;
/** Stored enrichment called it negative (recovery and removal). */
export const POST_STORED_NEGATIVE = 8;
/** The claim recorded it as contributing (recovery and removal). */
export const POST_CONTRIBUTING = 16;
/** stored_topics value when no enrichment is stored. */
export const NO_STORED_TOPICS = 255;

export interface PostRow {
  id: string;
  created_ms: number;
  author_day: string;
  author_box: Buffer | null;
  body: string;
  company_id: string | null;
  is_canary: boolean;
  deleted: boolean;
  author_gone: boolean;
  sentiment?: number | null;
  negative?: boolean | null;
  /** Stored topic mask (etl_posts.topics). */
  topics?: number | null;
  contributing?: boolean;
}

export type PostSource = {
  id: Utf8;
  created_ms: Float64;
  author_day: Utf8;
  author_box: Binary;
  body: Utf8;
  company: Utf8;
  flags: Uint8;
  stored_sentiment: Float32;
  stored_topics: Uint8;
};

/** Posts as an Arrow batch; `company` is the board's company slug, null for the general board. */
export function postsToArrow(rows: readonly PostRow[], slugOf: (companyId: string) => string | undefined) {
  const n = rows.length;
  const created = new Float64Array(n);
  const flags = new Uint8Array(n);
  const storedSentiment = new Float32Array(n);
  const storedTopics = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    created[i] = row.created_ms;
    flags[i] =
      (row.deleted ? POST_DELETED : 0) |
      (row.author_gone ? POST_AUTHOR_GONE : 0) |
      (row.is_canary ? POST_CANARY : 0) |
      (row.negative ? POST_STORED_NEGATIVE : 0) |
      (row.contributing ? POST_CONTRIBUTING : 0);
    storedSentiment[i] = row.sentiment ?? Number.NaN;
    storedTopics[i] = row.topics ?? NO_STORED_TOPICS;
  }
  return new RecordBatch<PostSource>({
    id: utf8Column(rows.map((r) => r.id)),
    created_ms: float64Column(created),
    author_day: utf8Column(rows.map((r) => r.author_day)),
    author_box: binaryColumn(rows.map((r) => r.author_box)),
    body: utf8Column(rows.map((r) => r.body)),
    company: utf8Column(rows.map((r) => (r.company_id ? (slugOf(r.company_id) ?? null) : null))),
    flags: uint8Column(flags),
    stored_sentiment: float32Column(storedSentiment),
    stored_topics: uint8Column(storedTopics),
  });
}

export interface SalaryRow {
  id: string;
  submitted_year: number;
  reporter_box: Buffer | null;
  deleted: boolean;
  company_id: string;
  job_family: string;
  level: string;
  city: string;
  base: number;
  bonus: number;
  equity: number;
  currency: string;
  year: number;
}

export type SalarySource = {
  id: Utf8;
  submitted_year: Int32;
  reporter_box: Binary;
  deleted: Uint8;
  company: Utf8;
  job_family: Utf8;
  level: Utf8;
  city: Utf8;
  base: Float64;
  bonus: Float64;
  equity: Float64;
  currency: Utf8;
  year: Int32;
};

export function salariesToArrow(
  rows: readonly SalaryRow[],
  slugOf: (companyId: string) => string | undefined,
) {
  const pick = (f: (r: SalaryRow) => number) => Float64Array.from(rows, f);
  return new RecordBatch<SalarySource>({
    id: utf8Column(rows.map((r) => r.id)),
    submitted_year: int32Column(Int32Array.from(rows, (r) => r.submitted_year)),
    reporter_box: binaryColumn(rows.map((r) => r.reporter_box)),
    deleted: uint8Column(Uint8Array.from(rows, (r) => (r.deleted ? 1 : 0))),
    company: utf8Column(rows.map((r) => slugOf(r.company_id) ?? null)),
    job_family: utf8Column(rows.map((r) => r.job_family)),
    level: utf8Column(rows.map((r) => r.level)),
    city: utf8Column(rows.map((r) => r.city)),
    base: float64Column(pick((r) => Number(r.base))),
    bonus: float64Column(pick((r) => Number(r.bonus))),
    equity: float64Column(pick((r) => Number(r.equity))),
    currency: utf8Column(rows.map((r) => r.currency)),
    year: int32Column(Int32Array.from(rows, (r) => r.year)),
  });
}

export interface BotEventRow {
  occurred_ms: number;
  decision: string;
  reasons: string[];
  route_class: string;
}

export type BotEventSource = { occurred_ms: Float64; decision: Utf8; reasons: Utf8; route_class: Utf8 };

/** Reasons are joined with U+001F (unit separator): one string column instead of a list. */
export const REASON_SEPARATOR = '\u001f';

export function botEventsToArrow(rows: readonly BotEventRow[]) {
  return new RecordBatch<BotEventSource>({
    occurred_ms: float64Column(Float64Array.from(rows, (r) => r.occurred_ms)),
    decision: utf8Column(rows.map((r) => r.decision)),
    reasons: utf8Column(rows.map((r) => r.reasons.join(REASON_SEPARATOR))),
    route_class: utf8Column(rows.map((r) => r.route_class)),
  });
}

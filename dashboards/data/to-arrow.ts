// Query results → an Apache Arrow IPC stream, typed from the published column kinds: what the
// pages load (application/vnd.apache.arrow.stream). Buffers are filled directly (no per-value
// builders, about 3× faster); counts are Int32 so browsers get plain numbers, not BigInts.
import {
  Bool,
  type Data,
  type DataType,
  DateDay,
  Field,
  Float64,
  Int32,
  makeData,
  RecordBatch,
  Schema,
  Struct,
  Table,
  TimestampMillisecond,
  tableToIPC,
  Utf8,
} from 'apache-arrow';
import type { JS } from '@duckdb/node-api';
import type { ColumnKind, PublishedColumn } from '../warehouse/published-tables.ts';
import type { QueryResult } from '../warehouse/warehouse-reader.ts';

export const ARROW_STREAM = 'application/vnd.apache.arrow.stream';

const DAY_MS = 86_400_000;
const utf8 = new TextEncoder();

function arrowType(kind: ColumnKind): DataType {
  switch (kind) {
    case 'text':
      return new Utf8();
    case 'integer':
      return new Int32();
    case 'number':
      return new Float64();
    case 'boolean':
      return new Bool();
    case 'date':
      return new DateDay();
    case 'timestamp':
      return new TimestampMillisecond();
  }
}

/** The validity bitmap of a column (bit set = value present) and its null count. */
function validity(values: readonly JS[]): { bitmap: Uint8Array; nulls: number } {
  const bitmap = new Uint8Array(Math.ceil(values.length / 8));
  let nulls = 0;
  values.forEach((value, i) => {
    if (value === null || value === undefined) nulls++;
    else bitmap[i >> 3]! |= 1 << (i & 7);
  });
  return { bitmap, nulls };
}

const millis = (value: JS) => (value instanceof Date ? value.getTime() : Number(value));

function columnData(kind: ColumnKind, values: readonly JS[]): Data {
  const length = values.length;
  const { bitmap, nulls } = validity(values);
  const base = { length, nullCount: nulls, nullBitmap: bitmap };
  switch (kind) {
    case 'text': {
      const offsets = new Int32Array(length + 1);
      const parts: Uint8Array[] = [];
      let size = 0;
      values.forEach((value, i) => {
        if (value !== null && value !== undefined) {
          const bytes = utf8.encode(String(value));
          parts.push(bytes);
          size += bytes.length;
        }
        offsets[i + 1] = size;
      });
      const data = new Uint8Array(size);
      let at = 0;
      for (const part of parts) {
        data.set(part, at);
        at += part.length;
      }
      return makeData({ type: new Utf8(), ...base, valueOffsets: offsets, data });
    }
    case 'integer':
      return makeData({ type: new Int32(), ...base, data: Int32Array.from(values, (v) => Number(v ?? 0)) });
    case 'number':
      return makeData({
        type: new Float64(),
        ...base,
        data: Float64Array.from(values, (v) => Number(v ?? 0)),
      });
    case 'boolean': {
      const data = new Uint8Array(Math.ceil(length / 8));
      values.forEach((value, i) => {
        if (value === true) data[i >> 3]! |= 1 << (i & 7);
      });
      return makeData({ type: new Bool(), ...base, data });
    }
    case 'date':
      return makeData({
        type: new DateDay(),
        ...base,
        data: Int32Array.from(values, (v) =>
          v === null || v === undefined ? 0 : Math.floor(millis(v) / DAY_MS),
        ),
      });
    case 'timestamp':
      return makeData({
        type: new TimestampMillisecond(),
        ...base,
        data: BigInt64Array.from(values, (v) => BigInt(v === null || v === undefined ? 0 : millis(v))),
      });
  }
}

export function toArrowStream(columns: readonly PublishedColumn[], result: QueryResult): Uint8Array {
  const fields = columns.map((c) => new Field(c.name, arrowType(c.kind), true));
  const children = columns.map((column, index) => columnData(column.kind, result.columns[index] ?? []));
  const rows = makeData({ type: new Struct(fields), length: result.rowCount, nullCount: 0, children });
  return tableToIPC(new Table(new RecordBatch(new Schema(fields), rows)), 'stream');
}

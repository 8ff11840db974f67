// Keyset pagination shared by every listing: open the request's cursor (or start at page 1), then
// fetch one row more than the limit to learn whether a next page exists and hand out its cursor.
import { type Cursors, type Keyset, MAX_PAGE_DEPTH } from './cursors.ts';

export const PAGE_LIMIT_MAX = 50;
export const PAGE_LIMIT_DEFAULT = 20;

export interface PageStart {
  /** Keyset of the last item already served; null on the first page. */
  after: Keyset | null;
  /** 1 for the first page. */
  depth: number;
}

/** What a listing is asked for: where to start (from startPage) and how many items. */
export interface PageRequest {
  start: PageStart;
  limit: number;
}

export interface Page<Row> {
  rows: Row[];
  nextCursor: string | null;
}

export function startPage(cursors: Cursors, scope: string, cursor: string | undefined): PageStart {
  if (cursor === undefined) return { after: null, depth: 1 };
  const opened = cursors.open(cursor, scope);
  return { after: opened.keyset, depth: opened.depth };
}

/** `fetched` holds up to limit + 1 rows; the extra one only says that more exist. */
export function finishPage<Row>(
  cursors: Cursors,
  scope: string,
  start: PageStart,
  fetched: Row[],
  limit: number,
  keysetOf: (row: Row) => Keyset,
): Page<Row> {
  const rows = fetched.slice(0, limit);
  const last = rows.at(-1);
  const more = fetched.length > limit && last !== undefined && start.depth < MAX_PAGE_DEPTH;
  return {
    rows,
    nextCursor: more ? cursors.issue(scope, keysetOf(last), start.depth + 1) : null,
  };
}

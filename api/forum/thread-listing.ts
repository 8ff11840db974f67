// Thread listings, newest activity first: one company's board, the general board, or all boards.
// Canary threads (S5, made by the protection layer) are listed as "placeholder" items that no
// person's client opens; a crawler that opens one gives itself away.
import type { Config } from '../config.ts';
import type { Db, SqlParam } from '../db/index.ts';
import { boardName, companyBySlug } from './boards.ts';
import type { Cursors } from './cursors.ts';
import { finishPage, type PageRequest } from './paging.ts';
import { publicTime } from './public-time.ts';

export type BoardFilter = { board: 'all' } | { board: 'general' } | { board: 'company'; slug: string };

export interface ThreadListItem {
  id: string;
  kind: 'thread' | 'placeholder';
  title: string;
  board: string;
  postCount: number;
  lastActivity: string;
}

export interface ThreadListPage {
  items: ThreadListItem[];
  nextCursor: string | null;
}

/** A cursor only works for the listing that issued it. */
export const threadListScope = (filter: BoardFilter): string =>
  filter.board === 'company' ? `threads:company:${filter.slug}` : `threads:${filter.board}`;

interface Row {
  id: string;
  title: string;
  post_count: number;
  last_post_at: Date;
  is_canary: boolean;
  company_slug: string | null;
}

// Fixed SQL per filter; only values travel as parameters. Order matches threads_board / threads_recent.
const BOARD_CONDITION = {
  all: 'TRUE',
  general: 't.company_id IS NULL',
  company: 't.company_id = $4',
} as const;

export async function listThreads(
  deps: { db: Db; config: Config; cursors: Cursors },
  filter: BoardFilter,
  request: PageRequest,
): Promise<ThreadListPage> {
  const companyId = filter.board === 'company' ? (await companyBySlug(deps.db, filter.slug)).id : null;
  const { start, limit } = request;
  const [afterMs, afterId] = (start.after ?? [null, null]) as [number | null, string | null];
  const params: SqlParam[] = [afterMs === null ? null : new Date(afterMs), afterId, limit + 1];
  if (companyId !== null) params.push(companyId);
  const { rows } = await deps.db.query<Row>(
    `SELECT t.id, t.title, t.post_count, t.last_post_at, t.is_canary, c.slug AS company_slug
       FROM threads t LEFT JOIN companies c ON c.id = t.company_id
      WHERE ${BOARD_CONDITION[filter.board]}
        AND ($1::timestamptz IS NULL OR t.last_post_at < $1 OR (t.last_post_at = $1 AND t.id > $2::text))
      ORDER BY t.last_post_at DESC, t.id ASC
      LIMIT $3`,
    params,
  );
  const page = finishPage(deps.cursors, threadListScope(filter), start, rows, limit, (row) => [
    row.last_post_at.getTime(),
    row.id,
  ]);
  const granularity = deps.config.publicTimeGranularity;
  return {
    items: page.rows.map((row) => ({
      id: row.id,
      kind: row.is_canary ? 'placeholder' : 'thread',
      title: row.title,
      board: boardName(row.company_slug),
      postCount: row.post_count,
      lastActivity: publicTime(row.last_post_at, granularity),
    })),
    nextCursor: page.nextCursor,
  };
}

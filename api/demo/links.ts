// The second half of making a week's posts and salary reports: the rows the generator chose (plain
// columns, cheap to hand to a worker thread) get what the API would have written with them —
// author_tag and author_box from linkAuthor() under the key of the post's day, reporter_tag and
// reporter_box from reporterTag() and sealReporter() under the salary key of the submission year. The clock is set to each row's own
// moment first, as the API's would have been. Runs inline (PGlite, weekly transactions) or in the
// link worker (api/demo/link-worker.ts) while the main thread builds the next week.
import type { ManualClock } from '../clock.ts';
import { linkAuthor } from '../forum/author-links.ts';
import type { KeyStore } from '../keys/keystore.ts';
import { reporterTag, sealReporter, submissionYearOf } from '../salaries/reporter-links.ts';
import { BufferedRows, BulkTable, type PlainRows } from './bulk-insert.ts';
import { missingKey } from './setup-error.ts';

/** Posts as chosen, before their author links. */
export interface PendingPosts {
  id: string[];
  threadId: string[];
  position: number[];
  body: string[];
  alias: string[];
  at: number[];
  accountId: string[];
  /** SHA-256 of the deletion receipt, hex. */
  receiptHash: string[];
}

/** Salary reports as chosen, before their reporter tag and box. */
export interface PendingSalaries {
  id: string[];
  at: number[];
  accountId: string[];
  companyId: string[];
  year: number[];
  jobFamily: string[];
  level: string[];
  city: string[];
  yearsExperience: number[];
  base: number[];
  bonus: number[];
  equity: number[];
  currency: string[];
}

/** One week as the main thread hands it over: finished tables as plain data, and pending rows. */
export interface PendingWeek {
  accounts: PlainRows;
  newThreads: PlainRows;
  threadUpdates: PlainRows;
  aliases: PlainRows;
  posts: PendingPosts;
  salaries: PendingSalaries;
}

export interface WeekRows {
  accounts: BufferedRows;
  newThreads: BufferedRows;
  threadUpdates: BufferedRows;
  aliases: BufferedRows;
  posts: BufferedRows;
  salaries: BufferedRows;
}

/** Parents before children: accounts and threads, then aliases and posts that point at threads. */
export const weekInOrder = (rows: WeekRows): BufferedRows[] => [
  rows.accounts,
  rows.newThreads,
  rows.threadUpdates,
  rows.aliases,
  rows.posts,
  rows.salaries,
];

export const emptyPendingPosts = (): PendingPosts => ({
  id: [],
  threadId: [],
  position: [],
  body: [],
  alias: [],
  at: [],
  accountId: [],
  receiptHash: [],
});

export const emptyPendingSalaries = (): PendingSalaries => ({
  id: [],
  at: [],
  accountId: [],
  companyId: [],
  year: [],
  jobFamily: [],
  level: [],
  city: [],
  yearsExperience: [],
  base: [],
  bonus: [],
  equity: [],
  currency: [],
});

/** The columns of a posts row as the generator writes them. */
export const POST_COLUMNS = [
  ['id', 'text'],
  ['thread_id', 'text'],
  ['position', 'int4'],
  ['body', 'text'],
  ['alias', 'text'],
  ['created_at', 'timestamptz'],
  ['author_day', 'date'],
  ['author_tag', 'bytea'],
  ['author_box', 'bytea'],
  ['receipt_hash', 'bytea'],
] as const;

export class Linker {
  readonly #keys: KeyStore;
  readonly #clock: ManualClock;
  readonly #posts = new BulkTable('posts', POST_COLUMNS);
  readonly #salaries = new BulkTable('salaries', [
    ['id', 'text'],
    ['reporter_tag', 'bytea'],
    ['reporter_box', 'bytea'],
    ['submitted_year', 'int4'],
    ['submitted_on', 'date'],
    ['company_id', 'text'],
    ['job_family', 'text'],
    ['level', 'text'],
    ['city', 'text'],
    ['years_experience', 'int4'],
    ['base', 'numeric'],
    ['bonus', 'numeric'],
    ['equity', 'numeric'],
    ['currency', 'text'],
    ['year', 'int4'],
  ]);
  /** `clock` is set to each row's moment; the caller sets it where it wants it afterwards. */
  constructor(keys: KeyStore, clock: ManualClock) {
    this.#keys = keys;
    this.#clock = clock;
  }

  /** The week's rows, every one linked as the API would have linked it. */
  link(week: PendingWeek): WeekRows {
    return {
      accounts: BufferedRows.from(week.accounts),
      newThreads: BufferedRows.from(week.newThreads),
      threadUpdates: BufferedRows.from(week.threadUpdates),
      aliases: BufferedRows.from(week.aliases),
      posts: this.#linkPosts(week.posts),
      salaries: this.#linkSalaries(week.salaries),
    };
  }

  #linkPosts(posts: PendingPosts): BufferedRows {
    for (let i = 0; i < posts.id.length; i++) {
      const at = posts.at[i]!;
      const when = new Date(at);
      this.#clock.set(at);
      const link = linkAuthor(this.#keys, posts.id[i]!, posts.accountId[i]!, when);
      if (!link) throw missingKey('author', when);
      this.#posts.push(
        posts.id[i]!,
        posts.threadId[i]!,
        posts.position[i]!,
        posts.body[i]!,
        posts.alias[i]!,
        when.toISOString(),
        link.authorDay,
        link.authorTag,
        link.authorBox,
        posts.receiptHash[i]!,
      );
    }
    return this.#posts.take();
  }

  #linkSalaries(salaries: PendingSalaries): BufferedRows {
    for (let i = 0; i < salaries.id.length; i++) {
      const at = salaries.at[i]!;
      const when = new Date(at);
      this.#clock.set(at);
      const submittedYear = submissionYearOf(when);
      const accountId = salaries.accountId[i]!;
      const tag = reporterTag(this.#keys, submittedYear, accountId, {
        companyId: salaries.companyId[i]!,
        jobFamily: salaries.jobFamily[i]!,
        year: salaries.year[i]!,
      });
      const box = sealReporter(this.#keys, submittedYear, salaries.id[i]!, accountId);
      if (!tag || !box) throw missingKey('salary', when);
      this.#salaries.push(
        salaries.id[i]!,
        tag,
        box,
        submittedYear,
        when.toISOString().slice(0, 10),
        salaries.companyId[i]!,
        salaries.jobFamily[i]!,
        salaries.level[i]!,
        salaries.city[i]!,
        salaries.yearsExperience[i]!,
        salaries.base[i]!,
        salaries.bonus[i]!,
        salaries.equity[i]!,
        salaries.currency[i]!,
        salaries.year[i]!,
      );
    }
    return this.#salaries.take();
  }
}

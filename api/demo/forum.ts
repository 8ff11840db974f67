// Writes threads and posts through the API's rules: per-thread aliases from aliasTag()/aliasWords()
// (unique words per thread, one thread_aliases row per tag, the next candidate when words are
// taken), the label from aliasLabel(), a deletion receipt from newReceipt() (only its hash is
// kept), and threads on a company board opened only by that company's employees. Posts leave here
// pending: their author links are added by api/demo/links.ts, under the key of each post's day.
// The caller sets the clock to each post's time first.
import { randomBytes } from 'node:crypto';
import { aliasLabel } from '../forum/alias-label.ts';
import { aliasTag, aliasWords } from '../forum/aliases.ts';
import { newReceipt } from '../forum/receipts.ts';
import { newId, type Random } from '../ids.ts';
import type { KeyStore } from '../keys/keystore.ts';
import { periodIndex } from '../keys/periods.ts';
import { BulkTable, type BufferedRows } from './bulk-insert.ts';
import type { Mood, Topic } from './climate.ts';
import type { Company } from './companies.ts';
import { type Crowd, MEMBER_KINDS, type People } from './people.ts';
import { emptyPendingPosts, type PendingPosts } from './links.ts';
import type { ThreadPlan } from './plan.ts';
import type { Prng } from './prng.ts';
import { DemoSetupError, missingKey } from './setup-error.ts';
import { type Language, writeOpening, writeReply } from './texts.ts';

/** Share of (person, thread) pairs where an employee hides the employer from the alias. */
const HIDE_EMPLOYER = 0.08;
/** Alias candidates tried per tag, as in api/forum/thread-aliases.ts. */
const MAX_ALIAS_ATTEMPTS = 64;
/** Receipts are real secrets: drawn from the OS (pooled), never from the seeded PRNG. */
const RANDOM_POOL = 32 * 4096;

export interface ThreadState {
  readonly id: string;
  readonly board: number;
  readonly createdAt: number;
  readonly createdAtDate: Date;
  /** Day index of createdAt: alias epochs count from it. */
  readonly firstDay: number;
  readonly topic: Topic;
  readonly mood: Mood;
  readonly lang: Language;
  readonly op: number;
  postCount: number;
  lastPostAt: number;
  /** (person, epoch) → words: a person's tag is fixed within an alias epoch, so it is made once. */
  readonly aliasOf: Map<number, string>;
  readonly usedWords: Set<string>;
  readonly participants: number[];
  readonly hidesEmployer: Map<number, boolean>;
}

export interface ForumDeps {
  keys: KeyStore;
  authorLinkDays: number;
  minEmployerCrowd: number;
  people: People;
  companies: readonly Company[];
  crowd: Crowd;
  /** Who writes and what: choices and texts. */
  prng: Prng;
  ids: Prng;
}

export interface ForumWeek {
  newThreads: BufferedRows;
  threadUpdates: BufferedRows;
  aliases: BufferedRows;
  posts: PendingPosts;
  postCount: number;
}

export class ForumWriter {
  readonly #deps: ForumDeps;
  readonly #threads = new BulkTable('threads', [
    ['id', 'text'],
    ['company_id', 'text'],
    ['title', 'text'],
    ['created_at', 'timestamptz'],
    ['last_post_at', 'timestamptz'],
    ['post_count', 'int4'],
  ]);
  readonly #threadUpdates = new BulkTable(
    'threads',
    [
      ['id', 'text'],
      ['last_post_at', 'timestamptz'],
      ['post_count', 'int4'],
    ],
    { updateBy: 'id' },
  );
  readonly #aliases = new BulkTable('thread_aliases', [
    ['thread_id', 'text'],
    ['tag', 'bytea'],
    ['words', 'text'],
  ]);
  #posts = emptyPendingPosts();
  #pool = Buffer.alloc(0);
  #poolAt = 0;
  readonly #osRandom: Random = (n) => {
    if (this.#poolAt + n > this.#pool.length) {
      this.#pool = randomBytes(Math.max(RANDOM_POOL, n));
      this.#poolAt = 0;
    }
    this.#poolAt += n;
    return this.#pool.subarray(this.#poolAt - n, this.#poolAt);
  };
  #opened = new Map<ThreadState, string>();
  #touched = new Set<ThreadState>();
  #weekPosts = 0;

  constructor(deps: ForumDeps) {
    this.#deps = deps;
  }

  /**
   * The opening post of a planned thread, at plan.at. Only a company's employees open threads on
   * its board; while it has none with an account yet, the thread goes to the general board.
   */
  open(plan: ThreadPlan): ThreadState {
    const { prng, ids, crowd } = this.#deps;
    let board = plan.board;
    let op = board >= 0 ? crowd.pickEmployeeOf(prng, board, plan.at) : -1;
    if (op < 0) {
      board = -1;
      op = crowd.pickAnyone(prng, plan.at);
    }
    if (op < 0) throw new DemoSetupError('no account exists yet when the first thread is opened');
    const thread: ThreadState = {
      id: newId(ids.random),
      board,
      createdAt: plan.at,
      createdAtDate: new Date(plan.at),
      firstDay: periodIndex('day', new Date(plan.at)),
      topic: plan.topic,
      mood: plan.mood,
      lang: plan.lang,
      op,
      postCount: 0,
      lastPostAt: plan.at,
      aliasOf: new Map(),
      usedWords: new Set(),
      participants: [op],
      hidesEmployer: new Map(),
    };
    const { title, body } = writeOpening(prng, this.#scene(thread, op, thread.mood));
    this.#opened.set(thread, title);
    this.#post(thread, op, body, plan.at);
    return thread;
  }

  reply(thread: ThreadState, at: number): void {
    const { prng } = this.#deps;
    const author = this.#pickReplier(thread, at);
    // Replies mostly share the thread's mood; some disagree.
    const mood = prng.chance(0.6) ? thread.mood : prng.pick(['negative', 'neutral', 'positive'] as const);
    this.#post(thread, author, writeReply(prng, this.#scene(thread, author, mood)), at);
    if (!this.#opened.has(thread)) this.#touched.add(thread);
  }

  /** Everything written since the last call, as row sets ready for the database. */
  takeWeek(): ForumWeek {
    for (const [thread, title] of this.#opened) {
      this.#threads.push(
        thread.id,
        thread.board >= 0 ? this.#deps.companies[thread.board]!.id : null,
        title,
        new Date(thread.createdAt).toISOString(),
        new Date(thread.lastPostAt).toISOString(),
        thread.postCount,
      );
    }
    for (const thread of this.#touched) {
      this.#threadUpdates.push(thread.id, new Date(thread.lastPostAt).toISOString(), thread.postCount);
    }
    const week: ForumWeek = {
      newThreads: this.#threads.take(),
      threadUpdates: this.#threadUpdates.take(),
      aliases: this.#aliases.take(),
      posts: this.#posts,
      postCount: this.#weekPosts,
    };
    this.#posts = emptyPendingPosts();
    this.#opened = new Map();
    this.#touched = new Set();
    this.#weekPosts = 0;
    return week;
  }

  #pickReplier(thread: ThreadState, at: number): number {
    const { prng, crowd } = this.#deps;
    const roll = prng.float();
    if (roll < 0.15) return thread.op;
    if (roll < 0.45 && thread.participants.length > 1) return prng.pick(thread.participants);
    let person = thread.board >= 0 && prng.chance(0.7) ? crowd.pickEmployeeOf(prng, thread.board, at) : -1;
    if (person < 0) person = crowd.pickAnyone(prng, at);
    if (!thread.participants.includes(person)) thread.participants.push(person);
    return person;
  }

  #scene(thread: ThreadState, person: number, mood: Mood) {
    const { people, companies } = this.#deps;
    const company = thread.board >= 0 ? companies[thread.board]! : null;
    return {
      lang: thread.lang,
      topic: thread.topic,
      mood,
      company: company ? (thread.lang === 'zh' ? company.zhName : company.name) : null,
      city: people.city[person]!,
      level: people.level[person]!,
    };
  }

  #post(thread: ThreadState, person: number, body: string, at: number): void {
    const { people, ids } = this.#deps;
    const accountId = people.ids[person]!;
    const postId = newId(ids.random);
    const words = this.#aliasWords(thread, person, accountId, new Date(at));
    thread.postCount++;
    thread.lastPostAt = at;
    this.#weekPosts++;
    const posts = this.#posts;
    posts.id.push(postId);
    posts.threadId.push(thread.id);
    posts.position.push(thread.postCount);
    posts.body.push(body);
    posts.alias.push(this.#label(thread, person, words, at));
    posts.at.push(at);
    posts.accountId.push(accountId);
    posts.receiptHash.push(newReceipt(this.#osRandom).hash.toString('hex'));
  }

  /**
   * The person's alias words in the thread: one tag per person and alias epoch (aliasTag), words
   * from aliasWords(), the next attempt when the words are taken in the thread.
   */
  #aliasWords(thread: ThreadState, person: number, accountId: string, at: Date): string {
    const { keys, authorLinkDays } = this.#deps;
    const epoch = Math.floor((periodIndex('day', at) - thread.firstDay) / authorLinkDays);
    const mine = person * 4096 + epoch;
    const again = thread.aliasOf.get(mine);
    if (again) return again;
    const alias = aliasTag(keys, authorLinkDays, thread.createdAtDate, at, accountId, thread.id);
    if (!alias) throw missingKey('author', at);
    let words = aliasWords(alias.tag);
    for (let attempt = 1; thread.usedWords.has(words); attempt++) {
      if (attempt === MAX_ALIAS_ATTEMPTS)
        throw new DemoSetupError(
          `thread ${thread.id} has no free alias left (api/forum/alias-words.ts is too small)`,
        );
      words = aliasWords(alias.tag, attempt);
    }
    thread.usedWords.add(words);
    thread.aliasOf.set(mine, words);
    this.#aliases.push(thread.id, alias.tag, words);
    return words;
  }

  /** aliasLabel() with the author's standing at that moment (the crowd counts accounts made by then). */
  #label(thread: ThreadState, person: number, words: string, at: number): string {
    const { people, companies, crowd, prng, minEmployerCrowd } = this.#deps;
    const kind = MEMBER_KINDS[people.kind[person]!]!;
    if (kind !== 'employee')
      return aliasLabel({ memberKind: kind, companyName: null, crowdSize: 0 }, words, {
        hideEmployer: false,
        minEmployerCrowd,
      });
    let hideEmployer = thread.hidesEmployer.get(person);
    if (hideEmployer === undefined) {
      hideEmployer = prng.chance(HIDE_EMPLOYER);
      thread.hidesEmployer.set(person, hideEmployer);
    }
    const company = people.company[person]!;
    return aliasLabel(
      { memberKind: kind, companyName: companies[company]!.name, crowdSize: crowd.employeesOf(company, at) },
      words,
      { hideEmployer, minEmployerCrowd },
    );
  }
}

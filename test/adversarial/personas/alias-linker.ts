// An employer's analyst trying to link aliases across threads: it reads what is new, patiently and
// like a person, keeps every post it sees (thread, text, public time) and afterwards links posts in
// different threads by writing style (cosine of rarity-weighted character trigrams) and by timing
// (the nearest public time). Scored against the simulation's ground truth (AuthorshipLedger): how
// often a post's best match in another thread has the same writer, against chance. DESIGN.md
// names writing style as a known limit; this measures it.
import { HEADERS } from '../../support/personas.ts';
import { listingPath } from '../crawler.ts';
import { retryAfterSeconds, SimClient } from '../http-client.ts';
import { logNormal, MINUTE } from '../pacing.ts';
import type { PersonaRun, SimContext } from '../persona.ts';
import type { Actor } from '../scheduler.ts';
import { Tally } from '../tally.ts';
import type { AuthorshipLedger } from '../writing-style.ts';

interface SeenPost {
  id: string;
  thread: string;
  body: string;
  hour: number;
}

function trigrams(text: string): Map<string, number> {
  const grams = new Map<string, number>();
  const padded = ` ${text} `;
  for (let i = 0; i + 3 <= padded.length; i++) {
    const gram = padded.slice(i, i + 3);
    grams.set(gram, (grams.get(gram) ?? 0) + 1);
  }
  return grams;
}

/** Weights each trigram by how rare it is among the posts (tf-idf): habits stand out, shared phrases fade. */
function weighByRarity(profiles: Map<string, number>[]): Map<string, number>[] {
  const postsWith = new Map<string, number>();
  for (const profile of profiles)
    for (const gram of profile.keys()) postsWith.set(gram, (postsWith.get(gram) ?? 0) + 1);
  return profiles.map(
    (profile) =>
      new Map([...profile].map(([gram, n]) => [gram, n * Math.log(profiles.length / postsWith.get(gram)!)])),
  );
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [gram, n] of a) {
    na += n * n;
    dot += n * (b.get(gram) ?? 0);
  }
  for (const n of b.values()) nb += n * n;
  return dot / Math.sqrt(na * nb || 1);
}

export interface LinkingScore {
  posts: number;
  writers: number;
  style: number;
  timing: number;
  chance: number;
}

/** Nearest-neighbour linking across threads, scored against the ledger. */
export function scoreLinking(
  seen: readonly SeenPost[],
  ledger: AuthorshipLedger,
  random: () => number,
): LinkingScore {
  const posts = seen.filter((post) => ledger.has(post.id));
  const profiles = weighByRarity(posts.map((post) => trigrams(post.body)));
  let style = 0;
  let timing = 0;
  let chance = 0;
  let scored = 0;
  posts.forEach((post, i) => {
    const others = posts.map((_, j) => j).filter((j) => posts[j]!.thread !== post.thread);
    if (others.length === 0) return;
    const writer = ledger.get(post.id);
    const same = (j: number) => ledger.get(posts[j]!.id) === writer;
    let best = others[0]!;
    for (const j of others)
      if (cosine(profiles[i]!, profiles[j]!) > cosine(profiles[i]!, profiles[best]!)) best = j;
    const gap = (j: number) => Math.abs(posts[j]!.hour - post.hour);
    const nearest = Math.min(...others.map(gap));
    const closest = others.filter((j) => gap(j) === nearest);
    const timed = closest[Math.floor(random() * closest.length)]!;
    scored++;
    if (same(best)) style++;
    if (same(timed)) timing++;
    chance += others.filter(same).length / others.length;
  });
  const share = (n: number) => (scored ? n / scored : 0);
  return {
    posts: scored,
    writers: new Set(posts.map((post) => ledger.get(post.id))).size,
    style: share(style),
    timing: share(timing),
    chance: share(chance),
  };
}

class FollowNew implements Actor {
  readonly seen = new Map<string, SeenPost>();
  #queue: { id: string; cursor: string | null }[] = [];

  constructor(
    readonly client: SimClient,
    readonly random: () => number,
  ) {}

  async act(now: number): Promise<number | null> {
    const task = this.#queue.shift();
    const answer = task
      ? await this.client.readThread(task.id, task.cursor)
      : await this.client.request('GET', listingPath('', null));
    if (answer.status === 429) {
      if (task) this.#queue.unshift(task);
      return now + retryAfterSeconds(answer) * 1000 + 1000;
    }
    if (answer.status !== 200) return now + 30 * MINUTE;
    if (!task) {
      // The newest activity first: a dozen threads, then look again later.
      for (const item of answer.body.items.slice(0, 12) as { id: string; kind: string }[])
        if (item.kind === 'thread') this.#queue.push({ id: item.id, cursor: null });
      return now + logNormal(this.random, 20 * MINUTE, 0.5);
    }
    for (const post of answer.body.posts as { id: string; body: string; createdAt: string }[])
      this.seen.set(post.id, {
        id: post.id,
        thread: task.id,
        body: post.body,
        hour: Date.parse(post.createdAt) / 3_600_000,
      });
    if (answer.body.nextCursor) this.#queue.unshift({ id: task.id, cursor: answer.body.nextCursor });
    return now + logNormal(this.random, 40_000, 0.7);
  }
}

export async function aliasLinker(ctx: SimContext, ledger: AuthorshipLedger): Promise<PersonaRun> {
  const tally = new Tally();
  const account = await ctx.account({ memberKind: 'employee', ageDays: 365 });
  const client = new SimClient(ctx.transport, tally, HEADERS.chrome, '198.51.100.200', account.token);
  const actor = new FollowNew(client, ctx.random);
  let score: LinkingScore | null = null;
  const scored = () => (score ??= scoreLinking([...actor.seen.values()], ledger, ctx.random));
  const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
  return {
    name: 'alias linker (writing style, timing)',
    kind: 'scraper',
    maxShare: 0.01,
    tally,
    starts: [{ at: ctx.start + 6 * 3_600_000, actor }],
    figures: () => ({ ...scored() }),
    notes: () => {
      const score = scored();
      return (
        `${score.posts} posts by ${score.writers} writers seen; best match in another thread is the same writer: ` +
        `style ${pct(score.style)}, timing ${pct(score.timing)}, chance ${pct(score.chance)}`
      );
    },
  };
}

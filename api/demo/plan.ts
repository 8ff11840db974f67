// The shape of the forum over the span, decided before anything is written: the weeks, how many
// threads each board starts in each week (growth, seasons, events), each thread's topic, mood,
// language and number of replies — adjusted so the total is exactly the posts asked for — and how
// many salary reports arrive each week.
import { type ClimateBook, drawMood, type Mood, TOPICS, type Topic } from './climate.ts';
import type { Company } from './companies.ts';
import type { Crowd } from './people.ts';
import { apportion, type Prng } from './prng.ts';
import type { Language } from './texts.ts';

const DAY = 86_400_000;
const WEEK = 7 * DAY;
/** Average posts per thread (opening post included). */
const POSTS_PER_THREAD = 7.5;
const MAX_REPLIES = 250;
/** The general board's volume relative to all company boards together. */
const GENERAL_BOARD_SHARE = 0.15;
/** When people post, by UTC hour (a blend of Asian, European and American working days). */
const HOUR_WEIGHTS = [3, 4, 5, 6, 6, 5, 4, 4, 5, 6, 6, 5, 4, 4, 5, 6, 6, 5, 4, 3, 3, 3, 2, 2];
const HOUR_MAX = Math.max(...HOUR_WEIGHTS);

export interface Week {
  readonly index: number;
  readonly start: number;
  readonly end: number;
}

/** Weeks from start to end, cut at Mondays 00:00 UTC (the first and last may be partial). */
export function weeksOf(start: number, end: number): Week[] {
  const weeks: Week[] = [];
  // 1970-01-05 was a Monday.
  const monday = DAY * 4;
  let cursor = start;
  while (cursor < end) {
    const next = Math.min(end, monday + (Math.floor((cursor - monday) / WEEK) + 1) * WEEK);
    weeks.push({ index: weeks.length, start: cursor, end: next });
    cursor = next;
  }
  return weeks;
}

export function weekOf(weeks: readonly Week[], at: number): number {
  let lo = 0;
  let hi = weeks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (weeks[mid]!.start <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export interface ThreadPlan {
  readonly at: number;
  /** Company index, or -1 for the general board. */
  readonly board: number;
  readonly topic: Topic;
  readonly mood: Mood;
  readonly lang: Language;
  replies: number;
  /** Mean days between the opening post and a reply: most threads are short-lived. */
  readonly replySpreadDays: number;
}

function seasonal(at: number): number {
  const date = new Date(at);
  const month = date.getUTCMonth();
  const day = date.getUTCDate();
  if (month === 1) return 0.78; // lunar new year
  if ((month === 11 && day > 20) || (month === 0 && day < 3)) return 0.8;
  if (month === 7) return 0.92;
  return 1;
}

/** A moment in [start, end) with more weight on busy hours. */
export function postingTime(prng: Prng, start: number, end: number): number {
  let at = start + prng.float() * (end - start);
  for (let attempt = 0; attempt < 8; attempt++) {
    const hour = new Date(at).getUTCHours();
    if (prng.float() * HOUR_MAX < HOUR_WEIGHTS[hour]!) break;
    at = start + prng.float() * (end - start);
  }
  return Math.floor(at);
}

export function planThreads(
  prng: Prng,
  weeks: readonly Week[],
  companies: readonly Company[],
  climates: ClimateBook,
  totalPosts: number,
): ThreadPlan[][] {
  const plans: ThreadPlan[][] = weeks.map(() => []);
  if (totalPosts <= 0 || weeks.length === 0) return plans;
  const first = weeks[0]!.start;
  const span = weeks[weeks.length - 1]!.end - first;
  const boards = [-1, ...companies.map((c) => c.index)];
  const companyVolume = companies.reduce((a, c) => a + c.size, 0);
  const boardSize = (b: number) => (b < 0 ? companyVolume * GENERAL_BOARD_SHARE : companies[b]!.size);

  const cellWeights: number[] = [];
  for (const week of weeks) {
    const mid = (week.start + week.end) / 2;
    const growth = 0.6 + 0.8 * ((mid - first) / span);
    const weekWeight = ((week.end - week.start) / WEEK) * growth * seasonal(mid) * prng.logNormal(0, 0.06);
    for (const board of boards)
      cellWeights.push(weekWeight * boardSize(board) * climates.at(board, mid).volume);
  }
  const threadCount = Math.min(totalPosts, Math.max(1, Math.round(totalPosts / POSTS_PER_THREAD)));
  const cellCounts = apportion(threadCount, cellWeights);

  let cell = 0;
  for (const week of weeks) {
    for (const board of boards) {
      const count = cellCounts[cell++]!;
      for (let k = 0; k < count; k++) {
        const at = postingTime(prng, week.start, week.end);
        const climate = climates.at(board, at);
        const topic = TOPICS[climate.topics.pick(prng)]!;
        const zhShare = board >= 0 ? companies[board]!.zhShare : 0.4;
        const eventful = climate.volume > 1.5 ? 1.6 : 1;
        const spread = prng.float();
        plans[week.index]!.push({
          at,
          board,
          topic,
          mood: drawMood(prng, topic, climate.moodShift),
          lang: prng.chance(zhShare) ? 'zh' : 'en',
          replies: prng.chance(0.18)
            ? 0
            : Math.min(MAX_REPLIES, Math.floor(prng.logNormal(1.55, 0.95) * eventful)),
          replySpreadDays: spread < 0.8 ? 1.5 : spread < 0.95 ? 6 : 25,
        });
      }
    }
    plans[week.index]!.sort((a, b) => a.at - b.at);
  }
  fitReplies(prng, plans.flat(), totalPosts);
  return plans;
}

/** Scales reply counts so that threads + replies is exactly `totalPosts`. */
function fitReplies(prng: Prng, threads: ThreadPlan[], totalPosts: number): void {
  const wanted = totalPosts - threads.length;
  const drawn = threads.reduce((a, t) => a + t.replies, 0);
  const factor = drawn > 0 ? wanted / drawn : 0;
  let total = 0;
  for (const thread of threads) {
    thread.replies = Math.floor(thread.replies * factor);
    total += thread.replies;
  }
  while (total < wanted) {
    prng.pick(threads).replies++;
    total++;
  }
}

/** Reply times of a thread: after the opening post, before the span ends, in order. */
export function replyTimes(prng: Prng, plan: ThreadPlan, end: number): number[] {
  const times: number[] = [];
  const room = end - plan.at - 1;
  for (let i = 0; i < plan.replies; i++) {
    let offset = 5 * 60_000 + prng.exponential(plan.replySpreadDays * DAY);
    if (offset >= room) offset = Math.max(1, room * prng.float());
    times.push(Math.min(end - 1, plan.at + Math.max(1, Math.floor(offset))));
  }
  return times.sort((a, b) => a - b);
}

/** Salary reports per week: follows how many employees have accounts, with a spring peak. */
export function planSalaryCounts(weeks: readonly Week[], crowd: Crowd, total: number): number[] {
  const weights = weeks.map((week) => {
    const mid = (week.start + week.end) / 2;
    const spring = new Date(mid).getUTCMonth() < 3 ? 1.5 : 1;
    return crowd.employeesAt(mid) * spring * ((week.end - week.start) / WEEK);
  });
  return weights.some((w) => w > 0) ? apportion(total, weights) : weeks.map(() => 0);
}

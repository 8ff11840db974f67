import { describe, expect, it } from 'vitest';
import { ClimateBook, chooseEvents } from '../../../api/demo/climate.ts';
import { makeCompanies } from '../../../api/demo/companies.ts';
import { Crowd, makePeople } from '../../../api/demo/people.ts';
import { planSalaryCounts, planThreads, replyTimes, weekOf, weeksOf } from '../../../api/demo/plan.ts';
import { Prng } from '../../../api/demo/prng.ts';
import { newId } from '../../../api/ids.ts';

const DAY = 86_400_000;
const START = Date.parse('2024-03-02T00:00:00Z');
const END = Date.parse('2026-03-02T10:00:00Z');

function world(seed = 'plan') {
  const root = new Prng(seed);
  const ids = root.fork('ids');
  const companies = makeCompanies(ids, (p) => newId(p.random));
  const events = chooseEvents(root.fork('events'), companies, START, END);
  return { root, ids, companies, events, climates: new ClimateBook(events, companies) };
}

describe('demo plan', () => {
  it('cuts the span into weeks at Mondays, covering it exactly', () => {
    const weeks = weeksOf(START, END);
    expect(weeks[0]!.start).toBe(START);
    expect(weeks.at(-1)!.end).toBe(END);
    for (let i = 1; i < weeks.length; i++) {
      expect(weeks[i]!.start).toBe(weeks[i - 1]!.end);
      expect(new Date(weeks[i]!.start).getUTCDay()).toBe(1);
      expect(weeks[i]!.start % DAY).toBe(0);
    }
    expect(weekOf(weeks, START)).toBe(0);
    expect(weekOf(weeks, END - 1)).toBe(weeks.length - 1);
    expect(weekOf(weeks, weeks[5]!.start)).toBe(5);
    expect(weekOf(weeks, weeks[5]!.start - 1)).toBe(4);
  });

  it('plans exactly the posts asked for, small or large', () => {
    const { root, companies, climates } = world();
    const weeks = weeksOf(START, END);
    for (const posts of [1, 9, 1000, 25_000]) {
      const plans = planThreads(root.fork(`threads-${posts}`), weeks, companies, climates, posts).flat();
      expect(plans.reduce((n, p) => n + 1 + p.replies, 0)).toBe(posts);
      for (const plan of plans) {
        expect(plan.at).toBeGreaterThanOrEqual(START);
        expect(plan.at).toBeLessThan(END);
      }
    }
    expect(planThreads(root, weeks, companies, climates, 0).flat()).toEqual([]);
  });

  it('puts replies after their thread and inside the span, in order', () => {
    const { root, companies, climates } = world();
    const weeks = weeksOf(START, END);
    const plans = planThreads(root.fork('threads'), weeks, companies, climates, 5000).flat();
    const prng = root.fork('times');
    for (const plan of plans) {
      const times = replyTimes(prng, plan, END);
      expect(times.length).toBe(plan.replies);
      for (let i = 0; i < times.length; i++) {
        expect(times[i]).toBeGreaterThan(plan.at);
        expect(times[i]).toBeLessThan(END);
        if (i > 0) expect(times[i]).toBeGreaterThanOrEqual(times[i - 1]!);
      }
    }
  });

  it('raises the layoff company’s volume in its wave', () => {
    const { root, companies, climates, events } = world();
    const weeks = weeksOf(START, END);
    const plans = planThreads(root.fork('threads'), weeks, companies, climates, 40_000).flat();
    const atLayoff = plans.filter((p) => p.board === events.layoff.company);
    const inWave = atLayoff.filter((p) => p.at >= events.layoff.start && p.at < events.layoff.end);
    const before = atLayoff.filter((p) => p.at < events.layoff.rumourStart);
    const perDay = (list: unknown[], days: number) => list.length / days;
    const waveDays = (events.layoff.end - events.layoff.start) / DAY;
    const beforeDays = (events.layoff.rumourStart - START) / DAY;
    expect(perDay(inWave, waveDays)).toBeGreaterThan(2.5 * perDay(before, beforeDays));
    expect(inWave.filter((p) => p.topic === 'layoffs').length).toBeGreaterThan(inWave.length / 2);
  });

  it('spreads salary reports over the weeks in proportion to who has an account', () => {
    const { root, ids, companies } = world();
    const people = makePeople(root.fork('people'), ids, (p) => newId(p.random), companies, 3000, START, END);
    const weeks = weeksOf(START, END);
    const counts = planSalaryCounts(weeks, new Crowd(people, companies.length), 2000);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(2000);
    // More people have joined by the end than at the start.
    expect(counts.slice(-20).reduce((a, b) => a + b, 0)).toBeGreaterThan(
      counts.slice(1, 21).reduce((a, b) => a + b, 0),
    );
  });
});

// The answer cache: a hit only at the same warehouse version, least recently used out first,
// bounded by entries and bytes, and oversized answers never kept.
import { describe, expect, it } from 'vitest';
import { AnswerCache } from '../../../dashboards/data/answer-cache.ts';

const answer = (name: string, bytes = 10) => ({ name, bytes });

describe('answer cache', () => {
  it('answers only at the version it was computed for', async () => {
    const cache = new AnswerCache<ReturnType<typeof answer>>();
    let computed = 0;
    const compute = async () => answer(`v${++computed}`);
    expect((await cache.through('k', 'v1', compute)).name).toBe('v1');
    expect((await cache.through('k', 'v1', compute)).name).toBe('v1');
    expect((await cache.through('k', 'v2', compute)).name).toBe('v2');
    expect(computed).toBe(2);
    // No warehouse file: nothing is cached.
    await cache.through('none', null, compute);
    await cache.through('none', null, compute);
    expect(computed).toBe(4);
  });

  it('drops the least recently used entry when full', () => {
    const cache = new AnswerCache<ReturnType<typeof answer>>(2);
    cache.set('a', 'v', answer('a'));
    cache.set('b', 'v', answer('b'));
    expect(cache.get('a', 'v')?.name).toBe('a');
    cache.set('c', 'v', answer('c'));
    expect(cache.get('b', 'v')).toBeUndefined();
    expect(cache.get('a', 'v')?.name).toBe('a');
    expect(cache.get('c', 'v')?.name).toBe('c');
  });

  it('stays under its byte budget and never keeps an answer bigger than a quarter of it', () => {
    const cache = new AnswerCache<ReturnType<typeof answer>>(100, 100);
    cache.set('big', 'v', answer('big', 26));
    expect(cache.size).toBe(0);
    for (const key of ['a', 'b', 'c', 'd', 'e']) cache.set(key, 'v', answer(key, 25));
    expect(cache.size).toBe(4);
    expect(cache.get('a', 'v')).toBeUndefined();
  });
});

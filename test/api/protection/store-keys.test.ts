import { describe, expect, it } from 'vitest';
import { StoreKeys } from '../../../api/protection/store-keys.ts';

// Fresh copies, as a request's header or tag values would be (equal text, different objects).
const copy = (text: string) => [...text].join('');

describe('StoreKeys', () => {
  it('hands out prefix + subject, and the same key again for the same subject', () => {
    const keys = new StoreKeys();
    const times = keys.family('t.');
    const key = times.of('a.0123');
    expect(key).toBe('t.a.0123');
    expect(times.of(copy('a.0123'))).toBe(key);
    expect(keys.of('t.', 'a.0123')).toBe(key);
    expect(keys.family('t.')).toBe(times);
    expect(keys.of('b.', 'a.0123')).toBe('b.a.0123');
  });

  it('joins a fingerprint and a network, and names the actor by account or else by client', () => {
    const keys = new StoreKeys();
    const client = keys.pair('f00d', 'beef');
    expect(client).toBe('f00d.beef');
    expect(keys.pair('f00d', 'cafe')).toBe('f00d.cafe');
    expect(keys.actor('acc1', client)).toBe('a.acc1');
    expect(keys.actor(null, client)).toBe('c.f00d.beef');
  });

  it('rebuilds, equal, a key whose subject fell out of a small table', () => {
    const keys = new StoreKeys(4);
    const family = keys.family('x.');
    for (let i = 0; i < 100; i++) expect(family.of(`s${i}`)).toBe(`x.s${i}`);
    expect(family.of('s0')).toBe('x.s0');
    for (let i = 0; i < 1000; i++)
      expect(keys.pair('one-fingerprint', `n${i}`)).toBe(`one-fingerprint.n${i}`);
  });
});

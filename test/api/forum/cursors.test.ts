import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../api/clock.ts';
import { CURSOR_TTL_MS, Cursors, MAX_PAGE_DEPTH } from '../../../api/forum/cursors.ts';

const SECRET = 'cursor-secret-for-tests-0123456789abcdef';

function errorOf(fn: () => unknown): { code?: string; message?: string; statusCode?: number } {
  try {
    fn();
  } catch (error) {
    return error as { code?: string; message?: string; statusCode?: number };
  }
  throw new Error('expected a throw');
}

describe('page cursors', () => {
  it('round-trips the keyset and depth for the same listing', () => {
    const cursors = new Cursors(SECRET, new ManualClock());
    const token = cursors.issue('threads:general', [1_772_445_600_000, 'abc'], 2);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursors.open(token, 'threads:general')).toEqual({ keyset: [1_772_445_600_000, 'abc'], depth: 2 });
  });

  it('hides the keyset: no exact time or id can be read from the token', () => {
    const cursors = new Cursors(SECRET, new ManualClock());
    const token = cursors.issue('threads:general', [1_772_445_612_345, 'secretPostId'], 2);
    const raw = Buffer.from(token, 'base64url').toString('latin1');
    expect(raw).not.toContain('1772445612345');
    expect(raw).not.toContain('secretPostId');
    expect(raw).not.toContain('threads');
  });

  it('refuses a forged or altered cursor', () => {
    const clock = new ManualClock();
    const cursors = new Cursors(SECRET, clock);
    const token = cursors.issue('threads:general', [1, 'a'], 2);
    const bytes = Buffer.from(token, 'base64url');
    for (const index of [0, 5, 20, bytes.length - 1]) {
      const altered = Buffer.from(bytes);
      altered[index] = altered[index]! ^ 1;
      const error = errorOf(() => cursors.open(altered.toString('base64url'), 'threads:general'));
      expect(error).toMatchObject({ statusCode: 400, code: 'INVALID_CURSOR' });
      expect(error.message).toMatch(/not one we issued/);
    }
    const otherSecret = new Cursors('another-secret-entirely-0123456789abcdef', clock);
    expect(errorOf(() => otherSecret.open(token, 'threads:general')).code).toBe('INVALID_CURSOR');
    for (const junk of ['', 'x', 'not base64!', 'A'.repeat(600)])
      expect(errorOf(() => cursors.open(junk, 'threads:general')).code).toBe('INVALID_CURSOR');
  });

  it('refuses a cursor of another listing', () => {
    const cursors = new Cursors(SECRET, new ManualClock());
    const token = cursors.issue('posts:thread-a', [20], 2);
    const error = errorOf(() => cursors.open(token, 'posts:thread-b'));
    expect(error.code).toBe('INVALID_CURSOR');
    expect(error.message).toMatch(/different listing/);
  });

  it('expires one hour after it was issued, by the injected clock', () => {
    const clock = new ManualClock('2026-03-02T10:00:00Z');
    const cursors = new Cursors(SECRET, clock);
    const token = cursors.issue('threads:all', [1, 'a'], 3);
    clock.advance(CURSOR_TTL_MS - 1);
    expect(cursors.open(token, 'threads:all').depth).toBe(3);
    clock.advance(1);
    const error = errorOf(() => cursors.open(token, 'threads:all'));
    expect(error).toMatchObject({ statusCode: 400, code: 'CURSOR_EXPIRED' });
    expect(error.message).toMatch(/expired: cursors last one hour/);
  });

  it(`refuses a cursor deeper than ${MAX_PAGE_DEPTH} pages, even a genuine one`, () => {
    const cursors = new Cursors(SECRET, new ManualClock());
    expect(cursors.open(cursors.issue('threads:all', [1, 'a'], MAX_PAGE_DEPTH), 'threads:all').depth).toBe(
      MAX_PAGE_DEPTH,
    );
    const error = errorOf(() =>
      cursors.open(cursors.issue('threads:all', [1, 'a'], MAX_PAGE_DEPTH + 1), 'threads:all'),
    );
    expect(error).toMatchObject({ statusCode: 400, code: 'PAGE_DEPTH_EXCEEDED' });
    expect(error.message).toMatch(/stop after 10 pages/);
  });
});

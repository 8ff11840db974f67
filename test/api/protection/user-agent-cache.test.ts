import { describe, expect, it } from 'vitest';
import { parseUserAgent, UserAgentCache } from '../../../api/protection/user-agent-cache.ts';
import { CHROME_UA } from '../../support/personas.ts';

describe('user agent cache', () => {
  it('parses browser, engine, OS and bot verdict', () => {
    expect(parseUserAgent(CHROME_UA)).toEqual({
      browser: 'Chrome',
      major: 124,
      engine: 'Blink',
      os: 'Windows',
      deviceType: undefined,
      isBot: false,
    });
    expect(parseUserAgent('python-requests/2.31.0').isBot).toBe(true);
    expect(parseUserAgent('').isBot).toBe(false);
  });

  it('parses each UA string once', () => {
    const cache = new UserAgentCache(10);
    for (let i = 0; i < 100; i++) cache.get(CHROME_UA);
    expect(cache.misses).toBe(1);
    expect(cache.get(CHROME_UA)).toBe(cache.get(CHROME_UA));
  });

  it('stays bounded: the least recently used UA is parsed again', () => {
    const cache = new UserAgentCache(2);
    cache.get('a/1');
    cache.get('b/1');
    cache.get('c/1');
    cache.get('a/1');
    expect(cache.misses).toBe(4);
  });
});

// ua-parser-js and isbot results, cached by UA string. An uncached parse costs ~35 µs here — a
// third of a fast route's budget — and a site sees few distinct UA strings, so a bounded LRU hits
// almost always. ua-parser-js stays on 1.x (MIT) on purpose: 2.x is AGPL-3.0.
import { isbot } from 'isbot';
import { UAParser } from 'ua-parser-js';
import { Lru } from './lru.ts';
import type { UserAgentInfo } from './signals/client-headers.ts';

export class UserAgentCache {
  readonly #cache: Lru<string, UserAgentInfo>;
  #misses = 0;

  constructor(capacity = 2_000) {
    this.#cache = new Lru(capacity);
  }

  /** How many lookups had to parse (for tests and metrics). */
  get misses(): number {
    return this.#misses;
  }

  get(userAgent: string): UserAgentInfo {
    const cached = this.#cache.get(userAgent);
    if (cached) return cached;
    this.#misses++;
    const info = parseUserAgent(userAgent);
    this.#cache.set(userAgent, info);
    return info;
  }
}

export function parseUserAgent(userAgent: string): UserAgentInfo {
  const result = new UAParser(userAgent).getResult();
  const major = result.browser.major === undefined ? undefined : Number.parseInt(result.browser.major, 10);
  return Object.freeze({
    browser: result.browser.name,
    major: Number.isFinite(major) ? major : undefined,
    engine: result.engine.name,
    os: result.os.name,
    deviceType: result.device.type,
    isBot: userAgent.trim() !== '' && isbot(userAgent),
  });
}

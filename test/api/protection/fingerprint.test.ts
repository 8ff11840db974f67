import { describe, expect, it } from 'vitest';
import { Fingerprinter } from '../../../api/protection/fingerprint.ts';
import { loadPolicy } from '../../../api/protection/policy.ts';
import { UserAgentCache } from '../../../api/protection/user-agent-cache.ts';
import { HEADERS } from '../../support/personas.ts';

const policy = loadPolicy(undefined);
const fingerprinter = () => new Fingerprinter('x'.repeat(32), policy.fingerprint);
const reasons = (f: { evidence: readonly { reason: string }[] }) => f.evidence.map((e) => e.reason).sort();

describe('fingerprint', () => {
  it('is a 128-bit keyed hash that does not change with the request or the session', () => {
    const f = fingerprinter();
    const get = f.fingerprint({ host: 'a', ...HEADERS.chrome });
    const post = f.fingerprint({
      host: 'b',
      ...HEADERS.chrome,
      'sec-fetch-dest': 'document',
      'sec-fetch-user': '?1',
      authorization: 'Bearer wc_x',
      'content-type': 'application/json',
      'content-length': '12',
      origin: 'https://watercooler.example',
      'x-watercooler-pass': 'p1.x.y',
      'x-forwarded-for': '1.2.3.4',
    });
    expect(get.id).toMatch(/^[0-9a-f]{32}$/);
    expect(post.id).toBe(get.id);
  });

  it('differs between browsers, languages and header orders, and between secrets', () => {
    const f = fingerprinter();
    const base = f.fingerprint(HEADERS.chrome).id;
    expect(f.fingerprint(HEADERS.firefox).id).not.toBe(base);
    expect(f.fingerprint({ ...HEADERS.chrome, 'accept-language': 'de-DE' }).id).not.toBe(base);
    const { connection, ...rest } = HEADERS.chrome;
    expect(f.fingerprint({ ...rest, connection }).id).not.toBe(base);
    expect(new Fingerprinter('y'.repeat(32), policy.fingerprint).fingerprint(HEADERS.chrome).id).not.toBe(
      base,
    );
  });

  it('carries the static evidence of each client', () => {
    const f = fingerprinter();
    expect(reasons(f.fingerprint(HEADERS.chrome))).toEqual([]);
    expect(reasons(f.fingerprint(HEADERS.firefox))).toEqual([]);
    expect(reasons(f.fingerprint(HEADERS.mobileApp))).toEqual([]);
    expect(reasons(f.fingerprint(HEADERS.pythonRequests))).toEqual([
      'bot-user-agent',
      'library-header-order',
      'missing-accept-language',
    ]);
    expect(reasons(f.fingerprint(HEADERS.chromeSpoofNoHints))).toEqual([
      'browser-without-sec-fetch',
      'chrome-without-client-hints',
      'library-header-order',
    ]);
    expect(reasons(f.fingerprint({ accept: '*/*' }))).toEqual([
      'empty-user-agent',
      'missing-accept-language',
    ]);
  });

  it('computes each header shape once and parses each UA once', () => {
    const userAgents = new UserAgentCache();
    const f = new Fingerprinter('x'.repeat(32), policy.fingerprint, userAgents);
    const first = f.fingerprint(HEADERS.chrome);
    for (let i = 0; i < 50; i++) expect(f.fingerprint({ ...HEADERS.chrome })).toBe(first);
    f.fingerprint({ ...HEADERS.chrome, 'accept-language': 'fr' });
    expect(userAgents.misses).toBe(1);
  });
});

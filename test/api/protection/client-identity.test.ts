import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DAY_MS } from '../../../api/clock.ts';
import { accountTagOf, IdentityTags, networkKeyOf } from '../../../api/protection/client-identity.ts';
import { openTestApp, type TestApp } from '../../support/app.ts';
import { openTestServices, type TestServices } from '../../support/services.ts';

// Each app gets a fresh database: slow on PGlite when the machine is busy.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

describe('client identity keys', () => {
  let services: TestServices;
  beforeAll(async () => {
    services = await openTestServices();
  });
  afterAll(async () => {
    await services.close();
  });

  it('keys the /24 under the day key: one office, one key; tomorrow, another', () => {
    const now = services.clock.now();
    const key = networkKeyOf(services.keys, now, '203.0.113.7');
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(networkKeyOf(services.keys, now, '203.0.113.250')).toBe(key);
    expect(networkKeyOf(services.keys, now, '203.0.114.7')).not.toBe(key);
    expect(networkKeyOf(services.keys, new Date(now.getTime() + DAY_MS), '203.0.113.7')).not.toBe(key);
    expect(key).not.toContain('203');
  });

  it('remembers tags per key period, giving the same answers as computing them', () => {
    const tags = new IdentityTags(services.keys);
    const now = services.clock.now();
    const tomorrow = new Date(now.getTime() + DAY_MS);
    const nextMonth = new Date(now.getTime() + 40 * DAY_MS);
    for (let i = 0; i < 2; i++) {
      expect(tags.network(now, '203.0.113.9').hex).toBe(networkKeyOf(services.keys, now, '203.0.113.9'));
      expect(tags.network(tomorrow, '203.0.113.9').hex).toBe(
        networkKeyOf(services.keys, tomorrow, '203.0.113.9'),
      );
      expect(tags.account(now, 'acct')?.hex).toBe(accountTagOf(services.keys, now, 'acct'));
      expect(tags.account(nextMonth, 'acct')?.hex).toBe(accountTagOf(services.keys, nextMonth, 'acct'));
    }
    expect(tags.network(now, '203.0.113.9').hex).not.toBe(tags.network(tomorrow, '203.0.113.9').hex);
    const network = tags.network(now, '203.0.113.9');
    expect(network.short).toBe(network.hex.slice(0, 24));
    expect(tags.network(now, '203.0.113.9')).toBe(network); // the same object: store keys reuse its strings
  });

  it('tags an account under the month key', () => {
    const now = services.clock.now();
    const tag = accountTagOf(services.keys, now, 'account-1');
    expect(tag).toMatch(/^[0-9a-f]{64}$/);
    expect(accountTagOf(services.keys, new Date(now.getTime() + DAY_MS), 'account-1')).toBe(tag);
    expect(accountTagOf(services.keys, new Date(now.getTime() + 40 * DAY_MS), 'account-1')).not.toBe(tag);
  });
});

describe('X-Forwarded-For and TRUST_PROXY (the real server)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp({ TRUST_PROXY: '10.0.0.0/8', PROTECTION_MODE: 'enforce' });
  });
  afterAll(async () => {
    await t.close();
  });

  /** The network key the protection layers recorded for one honeypot hit. */
  async function recordedNetworkKey(remoteAddress: string, forwardedFor: string): Promise<string> {
    await t.app.inject({
      method: 'GET',
      url: t.app.protection.policy.traps.honeypotPaths[0]!,
      remoteAddress,
      headers: { 'user-agent': 'curl/8.5.0', 'x-forwarded-for': forwardedFor },
    });
    await t.app.protection.flushEvents();
    const { rows } = await t.services.db.query<{ network_key: string }>(
      'SELECT network_key FROM bot_events ORDER BY id DESC LIMIT 1',
    );
    return rows[0]!.network_key;
  }

  it('ignores a spoofed X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    const key = await recordedNetworkKey('203.0.113.7', '198.51.100.9');
    expect(key).toBe(networkKeyOf(t.services.keys, t.services.clock.now(), '203.0.113.7'));
    expect(key).not.toBe(networkKeyOf(t.services.keys, t.services.clock.now(), '198.51.100.9'));
  });

  it('believes X-Forwarded-For from a trusted proxy', async () => {
    const key = await recordedNetworkKey('10.1.2.3', '198.51.100.9');
    expect(key).toBe(networkKeyOf(t.services.keys, t.services.clock.now(), '198.51.100.9'));
  });

  it('stores no raw address anywhere in bot_events', async () => {
    const { rows } = await t.services.db.query<{ row: string }>(
      'SELECT row_to_json(e)::text AS row FROM bot_events e',
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const { row } of rows) expect(row).not.toMatch(/203\.0\.113|198\.51\.100|10\.1\.2/);
  });
});

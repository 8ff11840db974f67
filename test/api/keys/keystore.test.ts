import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../api/clock.ts';
import { chainSpecs } from '../../../api/keys/chains.ts';
import { KeyStore } from '../../../api/keys/keystore.ts';
import { periodIndex } from '../../../api/keys/periods.ts';

const specs = chainSpecs({ authorLinkDays: 30, etlGraceDays: 7 });
const tempDir = () => mkdtempSync(join(tmpdir(), 'wc-keys-'));

describe('KeyStore', () => {
  it('keeps the file private (0600) and derives the same keys after reopening', () => {
    const dir = tempDir();
    const clock = new ManualClock('2026-03-10T12:00:00Z');
    const a = KeyStore.open(dir, specs, clock);
    const today = a.key('author', clock.now());
    expect(today).not.toBeNull();
    expect(statSync(a.path).mode & 0o777).toBe(0o600);
    const b = KeyStore.open(dir, specs, clock);
    expect(b.key('author', clock.now())!.equals(today!)).toBe(true);
  });

  it('derives younger keys with K(n+1) = HMAC(K(n), "next")', () => {
    const dir = tempDir();
    const clock = new ManualClock('2026-03-10T12:00:00Z');
    const store = KeyStore.open(dir, specs, clock);
    const k0 = store.key('author', new Date('2026-03-10T00:00:00Z'))!;
    clock.advanceDays(1);
    const k1 = store.key('author', clock.now())!;
    expect(k1.equals(createHmac('sha256', k0).update('next').digest())).toBe(true);
  });

  it('refuses a key that has died by the clock, even before the file is advanced', () => {
    const clock = new ManualClock('2026-03-10T12:00:00Z');
    const store = KeyStore.open(tempDir(), specs, clock);
    const day = new Date('2026-03-10T08:00:00Z');
    expect(store.key('author', day)).not.toBeNull();
    clock.set('2026-04-09T00:00:00Z'); // 30 days after the day began
    expect(store.key('author', day)).toBeNull();
    expect(store.key('author', new Date('2026-03-11T08:00:00Z'))).not.toBeNull();
  });

  it('after advance() the stored file cannot yield a dead key to anyone', () => {
    const dir = tempDir();
    const clock = new ManualClock('2026-03-10T12:00:00Z');
    const store = KeyStore.open(dir, specs, clock);
    const dead = store.key('author', clock.now())!;
    clock.advanceDays(45);
    const report = store.advance();
    expect(report.map((r) => r.chain)).toContain('author');

    // An adversary reads the file and walks every chain forward for years: never meets the dead key.
    const file = JSON.parse(readFileSync(store.path, 'utf8')) as { chains: Record<string, { key: string }> };
    for (const chain of Object.values(file.chains)) {
      let key = Buffer.from(chain.key, 'base64');
      for (let step = 0; step < 2000; step++) {
        expect(key.equals(dead)).toBe(false);
        key = createHmac('sha256', key).update('next').digest();
      }
    }
    expect(file.chains.author).toBeDefined();
  });

  it('starts new chains at the genesis so history can be keyed, and forgets it on advance', () => {
    const clock = new ManualClock('2026-03-10T12:00:00Z');
    const store = KeyStore.open(tempDir(), specs, clock, { genesis: new Date('2025-01-01T00:00:00Z') });
    // A day long past has died by the clock; the salary key of 2025 lives until 90 days after 2025 ends.
    expect(store.key('author', new Date('2025-06-01T00:00:00Z'))).toBeNull();
    expect(store.key('salary', new Date('2025-06-01T00:00:00Z'))).not.toBeNull();
    clock.set('2026-04-01T00:00:00Z');
    expect(store.key('salary', new Date('2025-06-01T00:00:00Z'))).toBeNull();
    expect(store.livePeriods('salary')).toEqual([periodIndex('year', clock.now())]);
  });

  it('lists the live author days of the window', () => {
    const clock = new ManualClock('2026-03-10T12:00:00Z');
    const store = KeyStore.open(tempDir(), specs, clock, { genesis: new Date('2026-01-01T00:00:00Z') });
    expect(store.livePeriods('author')).toHaveLength(30);
  });
});

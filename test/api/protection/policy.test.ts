import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_POLICY_PATH,
  loadPolicy,
  PolicyError,
  stepWeight,
  validatePolicy,
} from '../../../api/protection/policy.ts';
import { openProtectedApp } from './protected-app.ts';

// Each app gets a fresh database: slow on PGlite when the machine is busy.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

const testdata = join(import.meta.dirname, 'testdata');

/** What each bad fixture must be refused for (the readable line naming the field). */
const EXPECTED_PROBLEMS: Record<string, RegExp> = {
  'unknown-field.json': /budgets\.read\.perAcount is not a setting the policy knows/,
  'thresholds-backwards.json': /thresholds must rise: throttle \(60\) ≤ challenge \(50\)/,
  'unknown-fail-mode.json': /redisDown\.auth must be one of "closed", "local", "open"/,
  'missing-section.json': /is missing "readQuota"/,
  'bits-backwards.json': /challenge\.minBits \(24\) must not exceed challenge\.maxBits \(16\)/,
  'honeypot-on-real-endpoint.json': /"\/metrics" is a real endpoint and cannot be a trap/,
  'operator-scored.json': /must not include "operator"/,
  'steps-backwards.json': /behaviour\.breadth\.steps\.1: each step must have a larger atLeast/,
  'weight-over-100.json': /fingerprint\.weights\.botUserAgent must be <= 100/,
  'not-json.txt': /is not valid JSON/,
};

describe('the protection policy file', () => {
  it('ships a default that validates, with thresholds that rise', () => {
    const policy = loadPolicy(undefined);
    expect(policy.thresholds.throttle).toBeLessThan(policy.thresholds.challenge);
    expect(policy.thresholds.challenge).toBeLessThan(policy.thresholds.block);
    expect(Object.isFrozen(policy.budgets.read)).toBe(true);
    expect(loadPolicy(DEFAULT_POLICY_PATH)).toEqual(policy);
  });

  for (const file of readdirSync(join(testdata, 'good')))
    it(`accepts good/${file}`, () => {
      expect(() => loadPolicy(join(testdata, 'good', file))).not.toThrow();
    });

  it('has an expectation for every bad fixture', () => {
    expect(readdirSync(join(testdata, 'bad')).sort()).toEqual(Object.keys(EXPECTED_PROBLEMS).sort());
  });

  for (const [file, problem] of Object.entries(EXPECTED_PROBLEMS))
    it(`refuses bad/${file} with a message naming the problem`, () => {
      const path = join(testdata, 'bad', file);
      let error: unknown;
      try {
        loadPolicy(path);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(PolicyError);
      expect((error as PolicyError).message).toContain(path);
      expect((error as PolicyError).message).toMatch(problem);
    });

  it('names a file that cannot be read', () => {
    expect(() => loadPolicy('/nonexistent/policy.json')).toThrow(
      /\/nonexistent\/policy\.json:?[\s\S]*cannot be read/,
    );
  });

  it('lists every problem at once, not just the first', () => {
    const draft = structuredClone(loadPolicy(undefined)) as unknown as Record<
      string,
      Record<string, unknown>
    >;
    draft.thresholds!.block = 10;
    draft.challenge!.minBits = 30;
    expect(() => validatePolicy(draft)).toThrow(/thresholds must rise[\s\S]*minBits \(30\)/);
  });

  it('is what the server loads from PROTECTION_POLICY', async () => {
    const t = await openProtectedApp({
      policy: 'config',
      redis: false,
      canaries: false,
      env: { PROTECTION_POLICY: join(testdata, 'good', 'strict.json') },
    });
    try {
      expect(t.app.protection.policy.readQuota.perAccountPerDay).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('reads weight steps by the highest step reached', () => {
    const steps = [
      { atLeast: 3, weight: 30 },
      { atLeast: 5, weight: 50 },
    ];
    expect([0, 3, 4, 5, 99].map((n) => stepWeight(steps, n))).toEqual([0, 30, 30, 50, 50]);
  });
});

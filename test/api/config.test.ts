import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../api/config.ts';

describe('loadConfig', () => {
  it('gives embedded defaults and freezes the result', () => {
    const config = loadConfig({ DATA_DIR: '/tmp/wc-data' });
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.warehousePath).toBe('/tmp/wc-data/warehouse.duckdb');
    expect(config.keystorePath).toBe('/tmp/wc-data/keys');
    expect(config.authorLinkDays).toBe(30);
    expect(config.kAnon).toBe(5);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it.each([
    ['PORT', 'eighty', /PORT must be a whole number from 0 to 65535/],
    ['AUTHOR_LINK_DAYS', '0', /AUTHOR_LINK_DAYS must be a whole number from 1/],
    ['DATABASE_URL', 'mysql://x', /DATABASE_URL must be a URL starting postgres:/],
    ['REDIS_URL', 'not a url', /REDIS_URL must be a URL/],
    ['REDIS_KEY_PREFIX', 'wc p', /REDIS_KEY_PREFIX must be 1–64 letters, digits or : _ . -/],
    ['PUBLIC_TIME_GRANULARITY', 'second', /one of hour, day/],
    ['PROTECTION_MODE', 'off', /one of enforce, monitor/],
    ['TRUST_PROXY', '10.0.0.0/8,banana', /TRUST_PROXY must be a comma-separated list/],
    ['ETL_INTERVAL', 'soon', /ETL_INTERVAL must be a duration/],
    ['DP_EPSILON', '-1', /DP_EPSILON must be a number above 0/],
    ['CURSOR_SECRET', 'short', /CURSOR_SECRET must be at least 32 characters/],
  ])('refuses a bad %s and names it', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it('requires every secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/OPERATOR_TOKEN must be set in production/);
  });

  it('parses durations and proxy lists', () => {
    const config = loadConfig({ ETL_INTERVAL: '15m', TRUST_PROXY: '10.0.0.0/8, ::1' });
    expect(config.etlIntervalSeconds).toBe(900);
    expect(config.trustProxy).toEqual(['10.0.0.0/8', '::1']);
  });
});

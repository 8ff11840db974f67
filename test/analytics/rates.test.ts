// Salary amounts in USD from the shipped, dated ECB table, rounded to 1 000.
import { describe, expect, it } from 'vitest';
import { RATES_DATE, SUPPORTED_CURRENCIES, toRoundedUsd, usdPerUnit } from '../../analytics/rates.ts';

describe('rates', () => {
  it('converts through the euro reference rates of one date and rounds to 1 000 USD', () => {
    expect(RATES_DATE).toBe('2025-02-28');
    expect(usdPerUnit('USD')).toBe(1);
    expect(toRoundedUsd(123_456, 'USD')).toBe(123_000);
    expect(toRoundedUsd(100_000, 'EUR')).toBe(104_000);
    // 1 000 000 CNY at 7.5782 CNY/EUR and 1.0411 USD/EUR ≈ 137 381 USD.
    expect(toRoundedUsd(1_000_000, 'CNY')).toBe(137_000);
    expect(toRoundedUsd(10_000_000, 'jpy')).toBe(66_000);
  });

  it('refuses what it cannot convert', () => {
    expect(toRoundedUsd(1000, 'XXX')).toBeUndefined();
    expect(toRoundedUsd(-1, 'USD')).toBeUndefined();
    expect(SUPPORTED_CURRENCIES).toContain('GBP');
    expect(SUPPORTED_CURRENCIES).not.toContain('XXX');
  });
});

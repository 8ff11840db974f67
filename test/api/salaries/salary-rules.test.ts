import { describe, expect, it } from 'vitest';
import {
  amountBounds,
  CURRENCIES,
  checkAmount,
  checkReportYear,
  cleanCity,
  JOB_FAMILIES,
  LEVEL_LADDER,
} from '../../../api/salaries/salary-rules.ts';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
};

describe('salary rules', () => {
  it('title-cases and tidies city names', () => {
    expect(cleanCity('  new   york ')).toBe('New York');
    expect(cleanCity('SAN-SEBASTIÁN')).toBe('San-Sebastián');
    expect(cleanCity("xi'an")).toBe("Xi'an");
    expect(cleanCity('北京')).toBe('北京');
    expect(cleanCity('são paulo')).toBe('São Paulo');
  });

  it('refuses empty, long or multi-line city names', () => {
    expect(codeOf(() => cleanCity('   '))).toBe('TEXT_LENGTH');
    expect(codeOf(() => cleanCity('x'.repeat(61)))).toBe('TEXT_LENGTH');
    expect(cleanCity('x'.repeat(60))).toHaveLength(60);
    expect(codeOf(() => cleanCity('Berlin\nMitte'))).toBe('CONTROL_CHARACTER');
  });

  it('allows cents, not fractions of them', () => {
    expect(checkAmount('base', 1234.5, 'USD')).toBe(1234.5);
    expect(checkAmount('base', 0.1 + 0.2, 'USD')).toBe(0.3);
    expect(codeOf(() => checkAmount('bonus', 10.001, 'USD'))).toBe('INVALID_AMOUNT');
  });

  it('bounds amounts by what they are worth, so an ordinary KRW or VND salary passes and a slipped digit does not', () => {
    expect(checkAmount('base', 90_000_000, 'KRW')).toBe(90_000_000); // ~64k USD: was refused at 10M
    expect(checkAmount('base', 600_000_000, 'VND')).toBe(600_000_000);
    expect(checkAmount('base', 10_000_000, 'USD')).toBe(10_000_000);
    expect(codeOf(() => checkAmount('base', 10_000_001, 'USD'))).toBe('INVALID_AMOUNT');
    expect(codeOf(() => checkAmount('base', 80_000_000, 'CNY'))).toBe('INVALID_AMOUNT');
    expect(() => checkAmount('equity', 50_000_001, 'USD')).toThrow(
      /equity may be at most 50,000,000 USD a year \(about 50,000,000 US dollars\); got 50,000,001/,
    );
  });

  it('never bounds an amount above what numeric(14, 2) stores', () => {
    for (const currency of CURRENCIES)
      for (const field of ['base', 'bonus', 'equity'] as const)
        expect(amountBounds(field, currency).max).toBeLessThan(1e12);
    expect(amountBounds('equity', 'VND').max).toBe(999_999_999_999);
  });

  it('takes years from 2000 to the current year by the clock', () => {
    const now = new Date('2026-03-02T00:00:00Z');
    expect(checkReportYear(2000, now)).toBe(2000);
    expect(checkReportYear(2026, now)).toBe(2026);
    expect(codeOf(() => checkReportYear(2027, now))).toBe('INVALID_YEAR');
    expect(codeOf(() => checkReportYear(1999, now))).toBe('INVALID_YEAR');
  });

  it('ships the enumerations the API promises', () => {
    expect(JOB_FAMILIES).toHaveLength(11);
    expect(Object.keys(LEVEL_LADDER)).toEqual(['L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'L7', 'L8']);
    for (const code of [
      'CNY',
      'USD',
      'EUR',
      'GBP',
      'JPY',
      'INR',
      'SGD',
      'HKD',
      'CAD',
      'AUD',
      'CHF',
      'KRW',
      'TWD',
    ])
      expect(CURRENCIES).toContain(code);
    for (const code of CURRENCIES) expect(code).toMatch(/^[A-Z]{3}$/);
    expect(new Set(CURRENCIES).size).toBe(CURRENCIES.length);
  });
});

import { describe, expect, it } from 'vitest';
import { AppError } from '../../../api/errors.ts';
import {
  findPersonalData,
  isChineseResidentId,
  refusePersonalData,
} from '../../../api/forum/doxxing-guard.ts';

const kinds = (text: string) => [...new Set(findPersonalData(text).map((f) => f.kind))];

describe('the doxxing guard', () => {
  it.each([
    ['CN mobile', '加我 13812345678 私聊'],
    ['CN mobile, grouped', 'call 138 1234 5678 after six'],
    ['CN mobile, hyphens', '139-0000-1234'],
    ['CN mobile, +86', '+86 186 1234 5678'],
    ['CN mobile, 0086', '008615912345678'],
    ['CN mobile, full-width digits', '电话１３８１２３４５６７８'],
    ['CN landline', '座机 010-62345678'],
    ['US, parentheses', 'HR is at (415) 555-2671'],
    ['US, hyphens', 'text 415-555-2671'],
    ['US, dots', '415.555.2671'],
    ['US, spaces with +1', '+1 415 555 2671'],
    ['international, UK', 'ring +44 20 7946 0958'],
    ['international, DE', '+49 30 901820'],
    ['international, compact', '+33612345678'],
  ])('finds a phone number: %s', (_, text) => {
    expect(kinds(text)).toContain('phone number');
  });

  it.each([
    ['plain', 'write to zhang.wei@acme.example'],
    ['plus tag and subdomain', 'a.b+c@mail.corp.acme.co.uk'],
    ['full-width at sign', 'boss＠acme.example'],
    ['unicode local part', '张伟@公司.中国'],
    ['bracketed obfuscation', 'zhang [at] acme [dot] com'],
    ['parenthesised obfuscation', 'zhang(at)acme(dot)example'],
  ])('finds an e-mail address: %s', (_, text) => {
    expect(kinds(text)).toContain('e-mail address');
  });

  it.each([
    ['CN resident ID with X', '身份证 11010519491231002X'],
    ['CN resident ID, lower-case x', 'id 44030419900307123x.'],
    ['CN resident ID, digits only', '310115198511204515'],
    ['CN resident ID, grouped 6-8-4', '310115 19851120 4515'],
    ['US SSN', 'SSN 078-05-1120'],
    ['US SSN, spaced', '219 09 9999'],
  ])('finds a national ID number: %s', (_, text) => {
    expect(kinds(text)).toContain('national ID number');
  });

  it.each([
    ['an ordinary post', 'Our team works 996 and nobody says anything. Management promised raises in Q3.'],
    ['a salary figure', 'Base 450000 CNY, bonus 3 months, 15% raise'],
    ['big money', '¥13,800,000 in equity vesting over 4 years'],
    ['dates and times', 'From 2024-05-12 to 2025-01-31, 09:00-21:00, six days a week'],
    ['a year range', 'I was there 2019 2020 2021 and 2022'],
    ['a percentage with a plus', 'Revenue +15.5% year on year, +3 headcount'],
    ['an 18-digit ID with a wrong check digit', '110105194912310021'],
    ['an 18-digit number that is not a date', '110105194913310028'],
    ['an SSN that is never issued', '000-12-3456 and 666-12-3456 and 900-12-3456'],
    ['a mention without a domain', 'ping @alice on the wiki'],
    ['a version number', 'upgrade to 1.22.3 and node 20.10.0'],
    ['an 11-digit number not starting 13–19', '12345678901'],
    ['a longer digit run containing a mobile-looking part', 'order 9913812345678123'],
  ])('leaves alone %s', (_, text) => {
    expect(findPersonalData(text)).toEqual([]);
  });

  it('checks the CN resident ID checksum and birth date', () => {
    expect(isChineseResidentId('11010519491231002X')).toBe(true);
    expect(isChineseResidentId('110105194912310021')).toBe(false);
    expect(isChineseResidentId('110105194902300029')).toBe(false); // 30 February
  });

  it('masks what it found instead of repeating it', () => {
    const [finding] = findPersonalData('call 13812345678 now');
    expect(finding).toEqual({ kind: 'phone number', hint: '138…78' });
  });

  it('refuses with DOXXING_GUARD, naming the field, what was found and why', () => {
    let error: unknown;
    try {
      refusePersonalData({ title: 'fine', body: 'mail me: a@b.example or 13812345678' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    const appError = error as AppError;
    expect(appError.statusCode).toBe(400);
    expect(appError.code).toBe('DOXXING_GUARD');
    expect(appError.message).toMatch(
      /^The body contains what looks like an e-mail address and a phone number/,
    );
    expect(appError.message).toMatch(/can identify a person/);
    expect(appError.message).not.toContain('13812345678');
    expect(appError.details).toEqual({ field: 'body', found: ['e-mail address', 'phone number'] });
  });

  it('accepts text without personal data', () => {
    expect(() =>
      refusePersonalData({ title: 'Layoffs at Acme?', body: 'Heard rumours about Q2.' }),
    ).not.toThrow();
  });
});

import { describe, expect, it } from 'vitest';
import { domainSuffixes, isValidDomain, normaliseDomain } from '../../../api/companies/domains.ts';

describe('company domains', () => {
  it('normalise to lower case without a trailing dot', () => {
    expect(normaliseDomain('  Acme.EXAMPLE. ')).toBe('acme.example');
  });

  it('accept host names of two or more labels and refuse the rest', () => {
    for (const ok of ['acme.example', 'mail.eu.acme.example', 'a-b.example', 'xn--fiqs8s.example', '163.com'])
      expect(isValidDomain(ok), ok).toBe(true);
    for (const bad of [
      'example',
      'acme..example',
      '-acme.example',
      'acme-.example',
      'acme.123',
      'ac me.example',
      'acme_x.example',
      `${'a'.repeat(64)}.example`,
      '',
    ])
      expect(isValidDomain(bad), bad).toBe(false);
  });

  it('list a domain and its parents down to two labels', () => {
    expect(domainSuffixes('mail.eu.acme.example')).toEqual([
      'mail.eu.acme.example',
      'eu.acme.example',
      'acme.example',
    ]);
    expect(domainSuffixes('acme.example')).toEqual(['acme.example']);
  });
});

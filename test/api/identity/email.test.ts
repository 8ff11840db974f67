import { describe, expect, it } from 'vitest';
import { emailHash, normaliseEmail, parseEmail, requireEmail } from '../../../api/identity/email.ts';

describe('e-mail normalisation', () => {
  it('trims, lower-cases and drops a +tag', () => {
    expect(normaliseEmail('  Wei.Zhang+Forum@Acme.Example ')).toBe('wei.zhang@acme.example');
    expect(normaliseEmail('a+b+c@x.example')).toBe('a@x.example');
    expect(normaliseEmail('first.last@sub.acme.example.')).toBe('first.last@sub.acme.example');
  });

  it('keeps dots and where to deliver (as typed, trimmed)', () => {
    expect(parseEmail(' Li.Na+tag@QQ.com ')).toEqual({
      deliverTo: 'Li.Na+tag@QQ.com',
      normalised: 'li.na@qq.com',
      domain: 'qq.com',
    });
  });

  it('refuses what has no mailbox left or no usable domain', () => {
    for (const bad of [
      '+tag@acme.example',
      'no-at-sign',
      '@acme.example',
      'x@localhost',
      'x@acme.123',
      `${'a'.repeat(65)}@acme.example`,
    ])
      expect(parseEmail(bad), bad).toBeNull();
    expect(() => requireEmail('+only@acme.example')).toThrow(/must be a work or personal e-mail/);
  });

  it('hashes the normalised form under the secret: same mailbox, same hash; other secret, other hash', () => {
    const a = emailHash('secret-one', normaliseEmail('Wei+x@acme.example')!);
    const b = emailHash('secret-one', normaliseEmail('wei@ACME.example')!);
    const c = emailHash('secret-two', normaliseEmail('wei@acme.example')!);
    expect(a.equals(b)).toBe(true);
    expect(a.equals(c)).toBe(false);
    expect(a).toHaveLength(32);
  });
});

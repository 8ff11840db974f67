import { describe, expect, it } from 'vitest';
import { isFreeMailDomain } from '../../../api/identity/free-mail.ts';

describe('free-mail domains', () => {
  it('knows the big providers, their country domains and their subdomains', () => {
    for (const domain of [
      'gmail.com',
      'qq.com',
      '163.com',
      '126.com',
      'outlook.com',
      'hotmail.com',
      'yahoo.com',
      'icloud.com',
      'proton.me',
      'protonmail.com',
      'foxmail.com',
      'sina.com',
      'live.com',
      'aol.com',
      'gmx.de',
      'gmx.net',
      'yandex.ru',
      'yandex.com',
      'mail.ru',
      'yahoo.co.jp',
      'hotmail.co.uk',
      'vip.qq.com',
      'vip.163.com',
    ])
      expect(isFreeMailDomain(domain), domain).toBe(true);
  });

  it('leaves work domains alone, even ones that contain a provider name', () => {
    for (const domain of [
      'acme.example',
      'gmail.acme.example',
      'outlook.acme.example',
      'qq.com.evil.example',
      'livenation.example',
    ])
      expect(isFreeMailDomain(domain), domain).toBe(false);
  });
});

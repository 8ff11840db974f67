// Free-mail providers: anyone can get an address there, so it proves no employer. An address on
// one of these (or a subdomain, e.g. vip.qq.com) makes a plain "member". Companies may not own them.
import { domainSuffixes } from '../companies/domains.ts';

const FREE_MAIL_DOMAINS = new Set([
  // China
  'qq.com',
  'foxmail.com',
  '163.com',
  '126.com',
  'yeah.net',
  '188.com',
  '139.com',
  '189.cn',
  'sina.com',
  'sina.cn',
  'sohu.com',
  'aliyun.com',
  'tom.com',
  '21cn.com',
  'wo.cn',
  // International
  'gmail.com',
  'googlemail.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'msn.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'protonmail.ch',
  'pm.me',
  'tutanota.com',
  'tutanota.de',
  'tuta.io',
  'tuta.com',
  'zoho.com',
  'zohomail.com',
  'fastmail.com',
  'fastmail.fm',
  'hey.com',
  'mail.com',
  'email.com',
  'duck.com',
  'hushmail.com',
  'mailfence.com',
  'rediffmail.com',
  'mail.ru',
  'inbox.ru',
  'list.ru',
  'bk.ru',
  'rambler.ru',
  'ya.ru',
  'web.de',
  't-online.de',
  'freenet.de',
  'orange.fr',
  'free.fr',
  'laposte.net',
  'sfr.fr',
  'libero.it',
  'virgilio.it',
  'seznam.cz',
  'wp.pl',
  'o2.pl',
  'interia.pl',
  'onet.pl',
  'naver.com',
  'daum.net',
  'hanmail.net',
  'nate.com',
]);

// Providers that run the same free service under many country domains: gmx.de, yahoo.co.jp, …
const FREE_MAIL_BRANDS = new Set(['gmx', 'yandex', 'yahoo', 'hotmail', 'outlook', 'live', 'ymail']);
const COUNTRY_SUFFIX = /^(?:[a-z]{2,6}|(?:co|com|net|org)\.[a-z]{2})$/;

export function isFreeMailDomain(domain: string): boolean {
  for (const suffix of domainSuffixes(domain)) {
    if (FREE_MAIL_DOMAINS.has(suffix)) return true;
    const dot = suffix.indexOf('.');
    if (FREE_MAIL_BRANDS.has(suffix.slice(0, dot)) && COUNTRY_SUFFIX.test(suffix.slice(dot + 1))) return true;
  }
  return false;
}

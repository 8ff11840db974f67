import { describe, expect, it } from 'vitest';
import { botUserAgent } from '../../../../api/protection/signals/bot-user-agent.ts';
import { HEADERS } from '../../../support/personas.ts';
import { clientOf, weights } from './client-of.ts';

describe('bot user agent', () => {
  it('flags HTTP libraries and crawlers by their UA', () => {
    for (const ua of [
      'python-requests/2.31.0',
      'curl/8.5.0',
      'Go-http-client/1.1',
      'Scrapy/2.11 (+https://scrapy.org)',
    ])
      expect(botUserAgent(clientOf({ 'user-agent': ua }), weights), ua).toEqual([
        { reason: 'bot-user-agent', weight: weights.botUserAgent },
      ]);
  });

  it('flags an empty or missing UA, which isbot itself calls "not a bot"', () => {
    expect(botUserAgent(clientOf({}), weights)).toEqual([
      { reason: 'empty-user-agent', weight: weights.emptyUserAgent },
    ]);
    expect(botUserAgent(clientOf({ 'user-agent': '  ' }), weights)[0]?.reason).toBe('empty-user-agent');
  });

  it('leaves browsers and our apps alone', () => {
    for (const headers of [HEADERS.chrome, HEADERS.firefox, HEADERS.mobileApp])
      expect(botUserAgent(clientOf(headers), weights)).toEqual([]);
  });

  it('is off when the policy weight is 0', () => {
    expect(botUserAgent(clientOf(HEADERS.pythonRequests), { ...weights, botUserAgent: 0 })).toEqual([]);
  });
});

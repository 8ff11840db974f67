import { describe, expect, it } from 'vitest';
import { browserWithoutSecFetch } from '../../../../api/protection/signals/sec-fetch.ts';
import { CHROME_UA, HEADERS } from '../../../support/personas.ts';
import { clientOf, weights } from './client-of.ts';

describe('browser without fetch metadata', () => {
  it('flags a current browser UA without sec-fetch-site and sec-fetch-mode', () => {
    expect(browserWithoutSecFetch(clientOf({ 'user-agent': CHROME_UA, accept: '*/*' }), weights)).toEqual([
      { reason: 'browser-without-sec-fetch', weight: weights.browserWithoutSecFetch },
    ]);
    const {
      'sec-fetch-dest': _d,
      'sec-fetch-mode': _m,
      'sec-fetch-site': _s,
      ...firefoxBare
    } = HEADERS.firefox;
    expect(browserWithoutSecFetch(clientOf(firefoxBare), weights)).toHaveLength(1);
  });

  it('accepts browsers that send them, old browsers and non-browsers', () => {
    expect(browserWithoutSecFetch(clientOf(HEADERS.chrome), weights)).toEqual([]);
    expect(browserWithoutSecFetch(clientOf(HEADERS.firefox), weights)).toEqual([]);
    expect(browserWithoutSecFetch(clientOf(HEADERS.mobileApp), weights)).toEqual([]);
    expect(
      browserWithoutSecFetch(
        clientOf({ 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:78.0) Gecko/20100101 Firefox/78.0' }),
        weights,
      ),
    ).toEqual([]);
  });
});

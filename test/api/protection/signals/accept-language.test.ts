import { describe, expect, it } from 'vitest';
import { missingAcceptLanguage } from '../../../../api/protection/signals/accept-language.ts';
import { HEADERS } from '../../../support/personas.ts';
import { clientOf, weights } from './client-of.ts';

describe('missing accept-language', () => {
  it('flags a client that does not say which languages its person reads', () => {
    expect(missingAcceptLanguage(clientOf(HEADERS.pythonRequests), weights)).toEqual([
      { reason: 'missing-accept-language', weight: weights.missingAcceptLanguage },
    ]);
    expect(
      missingAcceptLanguage(clientOf({ ...HEADERS.chrome, 'accept-language': ' ' }), weights),
    ).toHaveLength(1);
  });

  it('accepts browsers and the app', () => {
    for (const headers of [HEADERS.chrome, HEADERS.firefox, HEADERS.mobileApp])
      expect(missingAcceptLanguage(clientOf(headers), weights)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import {
  chromeWithoutClientHints,
  clientHintMismatch,
  parseBrands,
} from '../../../../api/protection/signals/client-hints.ts';
import { HEADERS } from '../../../support/personas.ts';
import { clientOf, weights } from './client-of.ts';

const edgeUa =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.80';

describe('Chromium without client hints', () => {
  it('flags a Chrome UA that sends no sec-ch-ua', () => {
    expect(chromeWithoutClientHints(clientOf(HEADERS.chromeSpoofNoHints), weights)).toEqual([
      { reason: 'chrome-without-client-hints', weight: weights.chromeWithoutClientHints },
    ]);
    expect(chromeWithoutClientHints(clientOf({ 'user-agent': edgeUa }), weights)).toHaveLength(1);
  });

  it('accepts real Chrome, and never asks Firefox, Safari, WebViews or Chrome on iOS for hints', () => {
    expect(chromeWithoutClientHints(clientOf(HEADERS.chrome), weights)).toEqual([]);
    expect(chromeWithoutClientHints(clientOf(HEADERS.firefox), weights)).toEqual([]);
    for (const ua of [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
      'Mozilla/5.0 (Linux; Android 14; Pixel 7 Build/UQ1A.240205.004; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/124.0.6367.82 Mobile Safari/537.36',
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/124.0.6367.88 Mobile/15E148 Safari/604.1',
    ])
      expect(chromeWithoutClientHints(clientOf({ 'user-agent': ua }), weights), ua).toEqual([]);
  });
});

describe('client hints that contradict the UA', () => {
  it('parses brand lists', () => {
    expect(parseBrands('"Chromium";v="124", "Google Chrome";v="124", "Not-A.Brand";v="99"')).toEqual(
      new Map([
        ['Chromium', 124],
        ['Google Chrome', 124],
        ['Not-A.Brand', 99],
      ]),
    );
  });

  it('accepts consistent hints', () => {
    expect(clientHintMismatch(clientOf(HEADERS.chrome), weights)).toEqual([]);
    expect(clientHintMismatch(clientOf(HEADERS.firefox), weights)).toEqual([]);
  });

  it.each([
    ['another Chrome version', { 'sec-ch-ua': '"Chromium";v="120", "Google Chrome";v="120"' }],
    ['another platform', { 'sec-ch-ua-platform': '"macOS"' }],
    ['a mobile flag on a Windows desktop', { 'sec-ch-ua-mobile': '?1' }],
  ])('flags %s', (_name, change) => {
    expect(clientHintMismatch(clientOf({ ...HEADERS.chrome, ...change }), weights)).toEqual([
      { reason: 'client-hint-mismatch', weight: weights.clientHintMismatch },
    ]);
  });

  it('flags hints from a browser that never sends them', () => {
    expect(
      clientHintMismatch(clientOf({ ...HEADERS.firefox, 'sec-ch-ua': '"Google Chrome";v="124"' }), weights),
    ).toHaveLength(1);
  });
});

// Fetch metadata: every current browser sends sec-fetch-site and sec-fetch-mode with every request
// (Chromium since 76, Firefox since 90, Safari since 16.4). A browser UA without them is not a browser.
import type { Policy } from '../policy.ts';
import { type ClientHeaders, headerValue } from './client-headers.ts';
import { type Evidence, evidence } from './evidence.ts';

const SENDS_FETCH_METADATA_SINCE: Record<string, number> = {
  Chrome: 76,
  Edge: 79,
  Opera: 63,
  Brave: 76,
  'Samsung Browser': 12,
  Firefox: 90,
  Safari: 17, // 16.4 sends them too; majors below 17 are left alone
  'Mobile Safari': 17,
};

export function browserWithoutSecFetch(
  client: ClientHeaders,
  weights: Policy['fingerprint']['weights'],
): Evidence[] {
  const { browser, major } = client.ua;
  const since = browser === undefined ? undefined : SENDS_FETCH_METADATA_SINCE[browser];
  if (since === undefined || major === undefined || major < since) return [];
  // Chrome on iOS is WebKit underneath: it follows Safari's rules, decided by the iOS version.
  if (client.ua.os === 'iOS' && browser !== 'Mobile Safari' && browser !== 'Safari') return [];
  const site = headerValue(client.headers, 'sec-fetch-site');
  const mode = headerValue(client.headers, 'sec-fetch-mode');
  return site === undefined && mode === undefined
    ? evidence('browser-without-sec-fetch', weights.browserWithoutSecFetch)
    : [];
}

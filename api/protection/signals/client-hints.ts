// Client hints against the user agent. Chromium browsers (Chrome, Edge, Opera, Brave, Samsung)
// send sec-ch-ua on every secure request since version 90; a Chromium UA without it is a library
// wearing a browser's name. Hints that contradict the UA (another brand version, another platform,
// a mobile flag on a desktop) are a spoofer that copied one and made up the other.
import type { Policy } from '../policy.ts';
import { type ClientHeaders, headerValue } from './client-headers.ts';
import { type Evidence, evidence } from './evidence.ts';

// Blink-based, but embedded views and headless shells that do not send hints reliably.
const NO_HINTS_EXPECTED = new Set(['Chrome WebView', 'Chrome Headless']);

function isChromium(client: ClientHeaders): boolean {
  return (
    client.ua.engine === 'Blink' &&
    client.ua.browser !== undefined &&
    !NO_HINTS_EXPECTED.has(client.ua.browser) &&
    (client.ua.major ?? 0) >= 90
  );
}

export function chromeWithoutClientHints(
  client: ClientHeaders,
  weights: Policy['fingerprint']['weights'],
): Evidence[] {
  if (!isChromium(client) || headerValue(client.headers, 'sec-ch-ua') !== undefined) return [];
  return evidence('chrome-without-client-hints', weights.chromeWithoutClientHints);
}

const PLATFORM_OF_OS: Record<string, string> = {
  Windows: 'Windows',
  'Mac OS': 'macOS',
  macOS: 'macOS',
  Linux: 'Linux',
  Ubuntu: 'Linux',
  Debian: 'Linux',
  Fedora: 'Linux',
  Android: 'Android',
  'Chrome OS': 'Chrome OS',
  'Chromium OS': 'Chrome OS',
  iOS: 'iOS',
};
const DESKTOP_PLATFORMS = new Set(['Windows', 'macOS', 'Linux', 'Chrome OS']);
// The browser's own brand carries the UA's major version; "Chromium" is the engine's and may differ (Opera).
const CHROMIUM_BRANDS = new Set(['Google Chrome', 'Microsoft Edge', 'Opera', 'Brave']);

/** Brands and major versions from `"Chromium";v="124", "Google Chrome";v="124", "Not-A.Brand";v="99"`. */
export function parseBrands(header: string): Map<string, number> {
  const brands = new Map<string, number>();
  for (const match of header.matchAll(/"([^"]+)"\s*;\s*v\s*=\s*"(\d+)/g))
    brands.set(match[1]!, Number(match[2]));
  return brands;
}

export function clientHintMismatch(
  client: ClientHeaders,
  weights: Policy['fingerprint']['weights'],
): Evidence[] {
  const hints = headerValue(client.headers, 'sec-ch-ua');
  const platformHint = headerValue(client.headers, 'sec-ch-ua-platform')?.replaceAll('"', '');
  const mobileHint = headerValue(client.headers, 'sec-ch-ua-mobile');
  if (hints === undefined && platformHint === undefined && mobileHint === undefined) return [];
  const found = () => evidence('client-hint-mismatch', weights.clientHintMismatch);

  // Only Chromium sends hints: Firefox and Safari never do.
  if (client.ua.engine !== 'Blink') return found();
  if (hints !== undefined && client.ua.major !== undefined) {
    for (const [brand, major] of parseBrands(hints))
      if (CHROMIUM_BRANDS.has(brand) && major !== client.ua.major) return found();
  }
  const platform = client.ua.os ? PLATFORM_OF_OS[client.ua.os] : undefined;
  if (platformHint && platform && platformHint !== platform) return found();
  if (mobileHint === '?1' && platform && DESKTOP_PLATFORMS.has(platform)) return found();
  if (mobileHint === '?0' && client.ua.deviceType === 'mobile') return found();
  return [];
}

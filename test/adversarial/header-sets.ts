// More real browser header sets than test/support/personas.ts has, each self-consistent (UA, client
// hints, fetch metadata, order), for spoofers that rotate browsers and for sybil farms that give
// each account its own build. Also: addresses from distinct /24s, like residential proxies.
import { HEADERS, type HeaderSet } from '../support/personas.ts';

/** Chrome 124's own set (order included) on another platform: only the values change. */
const chromeOn = (platform: string, ua: string): HeaderSet => ({
  ...HEADERS.chrome,
  'sec-ch-ua-platform': `"${platform}"`,
  'user-agent': ua,
  'accept-language': 'en-US,en;q=0.9',
});

export const MORE_HEADERS = {
  chromeMac: chromeOn(
    'macOS',
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  ),
  edgeWindows: {
    ...chromeOn(
      'Windows',
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.0.0',
    ),
    'sec-ch-ua': '"Chromium";v="124", "Microsoft Edge";v="124", "Not-A.Brand";v="99"',
  },
  safariMac: {
    accept: 'application/json',
    'sec-fetch-site': 'same-origin',
    'accept-language': 'en-GB,en;q=0.9',
    'sec-fetch-mode': 'cors',
    'accept-encoding': 'gzip, deflate, br',
    'user-agent':
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
    referer: 'https://watercooler.example/',
    'sec-fetch-dest': 'empty',
    connection: 'keep-alive',
  },
  /** Firefox's own set (order included) on Windows in German. */
  firefoxWindows: {
    ...HEADERS.firefox,
    'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0',
    'accept-language': 'de-DE,de;q=0.8,en-US;q=0.5,en;q=0.3',
  },
} as const satisfies Record<string, HeaderSet>;

/** Every full, consistent browser header set we have. */
export const BROWSER_HEADER_SETS: readonly HeaderSet[] = [
  HEADERS.chrome,
  HEADERS.firefox,
  MORE_HEADERS.chromeMac,
  MORE_HEADERS.edgeWindows,
  MORE_HEADERS.safariMac,
  MORE_HEADERS.firefoxWindows,
];

/** An address in the n-th of many distinct /24s inside `first.second.0.0/16`-style blocks. */
export function addressInPrefix(block: number, n: number, host = 10): string {
  return `${block}.${(n >> 8) & 255}.${n & 255}.${host}`;
}

// What the header signals look at: the raw headers, the parsed user agent (cached by UA string in
// user-agent-cache.ts) and the order in which the client sent the headers that identify it.
import type { IncomingHttpHeaders } from 'node:http';

export interface UserAgentInfo {
  /** ua-parser-js browser name: "Chrome", "Edge", "Firefox", "Safari", "Chrome WebView", … */
  browser: string | undefined;
  major: number | undefined;
  /** "Blink", "Gecko", "WebKit", … */
  engine: string | undefined;
  /** "Windows", "Mac OS", "Linux", "Android", "iOS", "Chrome OS", … */
  os: string | undefined;
  /** "mobile", "tablet", … or undefined for a desktop. */
  deviceType: string | undefined;
  /** isbot's verdict (false for an empty UA: that is its own signal). */
  isBot: boolean;
}

export interface ClientHeaders {
  readonly headers: IncomingHttpHeaders;
  readonly userAgent: string;
  readonly ua: UserAgentInfo;
  /** Names of identifying headers in arrival order (see ORDER_HEADERS). */
  readonly order: readonly string[];
}

/**
 * Headers whose presence and order say which software sent a request. Everything else (host,
 * authorization, cookies, content-*, forwarding, our own pass header) is left out: it varies
 * per request or is added by proxies.
 */
export function isOrderHeader(name: string): boolean {
  return (
    name === 'user-agent' ||
    name === 'accept' ||
    name === 'accept-language' ||
    name === 'accept-encoding' ||
    name === 'connection' ||
    name === 'dnt' ||
    name === 'upgrade-insecure-requests' ||
    name === 'te' ||
    name.startsWith('sec-')
  );
}

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.join(', ') : value;
}

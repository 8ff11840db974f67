// The network a request comes from, coarsened before anything is keyed by it (P4): the /24 of an
// IPv4 address, the /48 of an IPv6 one. A whole office, home or mobile cell shares one prefix,
// which is why prefix budgets are generous and prefix evidence is weak (see README).
import { isIPv4, isIPv6 } from 'node:net';

/** "203.0.113.0/24", "2001:db8:85a3::/48", or "unknown" for an address that is neither. */
export function networkPrefix(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const address = ip.split('%')[0]!; // drop an IPv6 zone id
  if (isIPv4(address)) return ipv4Prefix(address);
  if (!isIPv6(address)) return 'unknown';
  const groups = expandIPv6(address);
  // IPv4-mapped (::ffff:a.b.c.d) addresses are IPv4 clients seen through a dual-stack socket.
  if (groups.slice(0, 5).every((g) => g === '0') && groups[5] === 'ffff') {
    const high = Number.parseInt(groups[6]!, 16);
    const low = Number.parseInt(groups[7]!, 16);
    return ipv4Prefix(`${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`);
  }
  return `${groups.slice(0, 3).join(':')}::/48`;
}

function ipv4Prefix(address: string): string {
  const [a, b, c] = address.split('.');
  return `${a}.${b}.${c}.0/24`;
}

/** Eight lower-case groups without leading zeros, "::" filled in, a trailing dotted quad converted. */
function expandIPv6(address: string): string[] {
  let text = address.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, -dotted[1]!.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : new Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...fill, ...right].map((g) => Number.parseInt(g || '0', 16).toString(16));
}

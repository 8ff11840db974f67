import { describe, expect, it } from 'vitest';
import { networkPrefix } from '../../../api/protection/network-prefix.ts';

describe('network prefix', () => {
  it('cuts IPv4 to its /24', () => {
    expect(networkPrefix('203.0.113.77')).toBe('203.0.113.0/24');
    expect(networkPrefix('203.0.113.1')).toBe(networkPrefix('203.0.113.254'));
  });

  it('cuts IPv6 to its /48, whatever the notation', () => {
    expect(networkPrefix('2001:db8:85a3:8d3:1319:8a2e:370:7348')).toBe('2001:db8:85a3::/48');
    expect(networkPrefix('2001:0DB8:85A3::1')).toBe('2001:db8:85a3::/48');
    expect(networkPrefix('2001:db8::1')).toBe('2001:db8:0::/48');
    expect(networkPrefix('fe80::1%eth0')).toBe('fe80:0:0::/48');
  });

  it('treats IPv4-mapped IPv6 as the IPv4 client it is', () => {
    expect(networkPrefix('::ffff:198.51.100.9')).toBe('198.51.100.0/24');
    expect(networkPrefix('::ffff:c633:6409')).toBe('198.51.100.0/24');
  });

  it('calls anything else unknown', () => {
    expect(networkPrefix(undefined)).toBe('unknown');
    expect(networkPrefix('not-an-address')).toBe('unknown');
  });
});

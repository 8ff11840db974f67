import { describe, expect, it } from 'vitest';
import { libraryHeaderOrder, matchedLibraryOrder } from '../../../../api/protection/signals/header-order.ts';
import { HEADERS } from '../../../support/personas.ts';
import { clientOf, policy } from './client-of.ts';

const known = policy.fingerprint.libraryHeaderOrders;

describe('header order of HTTP libraries', () => {
  it("recognises python-requests' order whatever UA it claims", () => {
    expect(matchedLibraryOrder(clientOf(HEADERS.pythonRequests).order, known)).toBe('python-requests');
    expect(matchedLibraryOrder(clientOf(HEADERS.chromeSpoofNoHints).order, known)).toBe('python-requests');
    expect(libraryHeaderOrder(clientOf(HEADERS.pythonRequests), policy.fingerprint)).toEqual([
      { reason: 'library-header-order', weight: policy.fingerprint.weights.libraryHeaderOrder },
    ]);
  });

  it('matches exact orders only exactly (curl, Go)', () => {
    expect(matchedLibraryOrder(['user-agent', 'accept'], known)).toBe('curl');
    expect(matchedLibraryOrder(['user-agent', 'accept-encoding'], known)).toBe('go-http-client');
    // Firefox also starts with user-agent, accept — and goes on.
    expect(
      matchedLibraryOrder(['user-agent', 'accept', 'accept-language', 'accept-encoding'], known),
    ).toBeNull();
  });

  it('ignores headers that proxies and sessions add (host, authorization, forwarding)', () => {
    const client = clientOf({
      host: 'api.example',
      authorization: 'Bearer x',
      ...HEADERS.pythonRequests,
      'x-forwarded-for': '1.2.3.4',
    });
    expect(client.order).toEqual(['user-agent', 'accept-encoding', 'accept', 'connection']);
    expect(libraryHeaderOrder(client, policy.fingerprint)).toHaveLength(1);
  });

  it('leaves browsers and the app alone', () => {
    for (const headers of [HEADERS.chrome, HEADERS.firefox, HEADERS.mobileApp])
      expect(libraryHeaderOrder(clientOf(headers), policy.fingerprint)).toEqual([]);
  });
});

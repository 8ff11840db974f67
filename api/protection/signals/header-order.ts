// Header order typical of an HTTP library. Browsers send accept before accept-encoding and lead
// with connection or client hints; python-requests leads with user-agent, accept-encoding, accept,
// connection whatever UA it claims. The known orders are data (policy.fingerprint.libraryHeaderOrders).
import type { Policy } from '../policy.ts';
import type { ClientHeaders } from './client-headers.ts';
import { type Evidence, evidence } from './evidence.ts';

export function matchedLibraryOrder(
  order: readonly string[],
  known: Policy['fingerprint']['libraryHeaderOrders'],
): string | null {
  for (const library of known) {
    const wanted = library.order;
    if (library.match === 'exact' && order.length !== wanted.length) continue;
    if (order.length < wanted.length) continue;
    if (wanted.every((name, i) => order[i] === name)) return library.name;
  }
  return null;
}

export function libraryHeaderOrder(client: ClientHeaders, fingerprint: Policy['fingerprint']): Evidence[] {
  return matchedLibraryOrder(client.order, fingerprint.libraryHeaderOrders) === null
    ? []
    : evidence('library-header-order', fingerprint.weights.libraryHeaderOrder);
}

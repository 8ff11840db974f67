// Builds the ClientHeaders a header signal sees from a plain header object, as fingerprint.ts does.
import { type ClientHeaders, isOrderHeader } from '../../../../api/protection/signals/client-headers.ts';
import { parseUserAgent } from '../../../../api/protection/user-agent-cache.ts';
import { loadPolicy } from '../../../../api/protection/policy.ts';

export const policy = loadPolicy(undefined);
export const weights = policy.fingerprint.weights;

export function clientOf(headers: Record<string, string>): ClientHeaders {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const userAgent = lower['user-agent'] ?? '';
  return {
    headers: lower,
    userAgent,
    ua: parseUserAgent(userAgent),
    order: Object.keys(lower).filter(isOrderHeader),
  };
}

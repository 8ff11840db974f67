// Browsers and our apps always say which languages the person reads; HTTP libraries do not.
import type { Policy } from '../policy.ts';
import { type ClientHeaders, headerValue } from './client-headers.ts';
import { type Evidence, evidence } from './evidence.ts';

export function missingAcceptLanguage(
  client: ClientHeaders,
  weights: Policy['fingerprint']['weights'],
): Evidence[] {
  const value = headerValue(client.headers, 'accept-language')?.trim();
  return value ? [] : evidence('missing-accept-language', weights.missingAcceptLanguage);
}

// A user agent that names a bot, library or crawler (isbot's list), or none at all. isbot calls an
// empty UA "not a bot", but no browser or app of ours sends one, so it is its own signal.
import type { Policy } from '../policy.ts';
import type { ClientHeaders } from './client-headers.ts';
import { type Evidence, evidence } from './evidence.ts';

export function botUserAgent(client: ClientHeaders, weights: Policy['fingerprint']['weights']): Evidence[] {
  if (client.userAgent.trim() === '') return evidence('empty-user-agent', weights.emptyUserAgent);
  return client.ua.isBot ? evidence('bot-user-agent', weights.botUserAgent) : [];
}

// Trap marks: whoever touched a canary thread or a honeypot path is marked for policy.traps.markHours.
// The account that did it and the client (fingerprint on that network) without a session are
// near-certain; another account on that client, or anyone on that network, only gets a nudge:
// colleagues share a NAT and often a browser build with whoever misbehaved.
import type { Policy } from '../policy.ts';
import { type Evidence, evidence } from './evidence.ts';

export interface TrapMarks {
  account: boolean;
  client: boolean;
  network: boolean;
}

export function trapMarks(
  marks: TrapMarks,
  hasAccount: boolean,
  weights: Policy['traps']['weights'],
): Evidence[] {
  if (marks.account) return evidence('trap-marked-account', weights.markedAccount);
  if (marks.client)
    return hasAccount
      ? evidence('trap-marked-client', weights.markedClientOtherAccount)
      : evidence('trap-marked-client', weights.markedClient);
  return marks.network ? evidence('trap-marked-network', weights.markedNetwork) : [];
}

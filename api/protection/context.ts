// What the protection layers share, built once by index.ts and handed to each layer plugin as its
// options: services, the validated policy, the counter store, metrics, the event log and caches.
import type { ProtectionMode } from '../config.ts';
import type { Services } from '../services.ts';
import type { AllowList } from './allow-list.ts';
import type { BotEventLog } from './events.ts';
import type { ProtectionMetrics } from './metrics.ts';
import type { Policy } from './policy.ts';
import type { CounterStore } from './store/counter-store.ts';
import type { StoreKeys } from './store-keys.ts';

export interface CanaryIds {
  has(threadId: string): boolean;
}

export interface ProtectionContext {
  readonly services: Services;
  readonly policy: Policy;
  /** enforce: act on decisions; monitor: record what would have happened, refuse nothing. */
  readonly mode: ProtectionMode;
  readonly store: CounterStore & { readonly degraded: boolean };
  /** Store keys built once per client and reused (store-keys.ts). */
  readonly storeKeys: StoreKeys;
  readonly metrics: ProtectionMetrics;
  readonly events: BotEventLog;
  readonly allowList: AllowList;
  readonly canaries: CanaryIds;
}

export interface LayerOptions {
  context: ProtectionContext;
}

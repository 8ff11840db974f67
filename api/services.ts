// What every feature plugin receives from the composition root (server.ts). Plugins take what
// they need from here as arguments; nothing reaches for globals or the environment.
import type { BackgroundWork } from './background-work.ts';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Db } from './db/index.ts';
import type { Random } from './ids.ts';
import type { KeyStore } from './keys/keystore.ts';
import type { Mailer } from './mail/mailer.ts';
import type { Secrets } from './secrets.ts';

export interface Services {
  readonly config: Config;
  readonly db: Db;
  readonly clock: Clock;
  readonly keys: KeyStore;
  readonly secrets: Secrets;
  readonly mailer: Mailer;
  readonly random: Random;
  /** Work started by a request that goes on after its answer (background-work.ts). */
  readonly background: BackgroundWork;
}

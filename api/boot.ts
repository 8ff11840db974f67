// Opens everything a process needs from a Config: secrets, database (migrated), key store,
// mailer. Shared by `npm start` (main.ts) and the CLIs so they all see the same system.
import { BackgroundWork } from './background-work.ts';
import type { Clock } from './clock.ts';
import { systemClock } from './clock.ts';
import type { Config } from './config.ts';
import { migrate, openDb } from './db/index.ts';
import { cryptoRandom } from './ids.ts';
import { chainSpecs } from './keys/chains.ts';
import { KeyStore, type KeyStoreOptions } from './keys/keystore.ts';
import { createMailer } from './mail/index.ts';
import { loadSecrets } from './secrets.ts';
import type { Services } from './services.ts';

export async function openServices(
  config: Config,
  options: { clock?: Clock; keyStore?: KeyStoreOptions; log?: (line: string) => void } = {},
): Promise<Services> {
  const clock = options.clock ?? systemClock;
  const secrets = loadSecrets(config);
  const db = await openDb(config);
  await migrate(db);
  const keys = KeyStore.open(config.keystorePath, chainSpecs(config), clock, options.keyStore);
  const mailer = createMailer(config, clock, options.log);
  return { config, db, clock, keys, secrets, mailer, random: cryptoRandom, background: new BackgroundWork() };
}

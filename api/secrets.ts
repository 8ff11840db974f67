// Long-lived secrets: cursor signing, e-mail hashing, fingerprint ids, challenge passes, the
// operator token. None of them ties a person to content (that is the key chains' job, api/keys/).
// Production passes them in the environment; the embedded default makes them once and keeps them
// in DATA_DIR/secrets.json, mode 0600.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { type Config, SECRET_NAMES, type SecretName } from './config.ts';

export type Secrets = Readonly<Record<SecretName, string>>;

export function loadSecrets(config: Config): Secrets {
  const missing = SECRET_NAMES.filter((name) => !config.secretsFromEnv[name]);
  if (missing.length === 0) return Object.freeze({ ...config.secretsFromEnv } as Record<SecretName, string>);

  let stored: Partial<Record<SecretName, string>> = {};
  if (existsSync(config.secretsPath)) {
    stored = JSON.parse(readFileSync(config.secretsPath, 'utf8')) as Partial<Record<SecretName, string>>;
  }
  let changed = false;
  for (const name of missing) {
    if (!stored[name]) {
      stored[name] = randomBytes(32).toString('base64url');
      changed = true;
    }
  }
  if (changed) {
    mkdirSync(dirname(config.secretsPath), { recursive: true });
    writeFileSync(config.secretsPath, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
    chmodSync(config.secretsPath, 0o600);
  }
  const secrets = {} as Record<SecretName, string>;
  for (const name of SECRET_NAMES) secrets[name] = config.secretsFromEnv[name] ?? (stored[name] as string);
  return Object.freeze(secrets);
}

// Environment → one validated, typed, frozen object, read once at boot. Everything else takes
// the Config it is given; nothing reads process.env after this.
import { resolve } from 'node:path';

export type TimeGranularity = 'hour' | 'day';
export type ProtectionMode = 'enforce' | 'monitor';

export interface Config {
  readonly host: string;
  readonly port: number;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly production: boolean;
  readonly dataDir: string;
  /** Real PostgreSQL when set; embedded PGlite under dataDir/pg otherwise. */
  readonly databaseUrl: string | undefined;
  /** Shared rate-limit counters when set; bounded in-memory store otherwise. */
  readonly redisUrl: string | undefined;
  /** Prefix of every Redis key: one per deployment sharing a Redis. */
  readonly redisKeyPrefix: string;
  readonly warehousePath: string;
  readonly keystorePath: string;
  readonly secretsPath: string;
  readonly mailOutboxDir: string;
  readonly smtpUrl: string | undefined;
  readonly mailFrom: string;
  /** Days a post stays linked to its author (P3). */
  readonly authorLinkDays: number;
  readonly publicTimeGranularity: TimeGranularity;
  readonly minEmployerCrowd: number;
  readonly sessionTtlHours: number;
  readonly trustProxy: readonly string[];
  readonly protectionMode: ProtectionMode;
  readonly protectionPolicyPath: string | undefined;
  readonly botEventsDays: number;
  readonly kAnon: number;
  readonly sentimentCap: number;
  readonly dpEpsilon: number | undefined;
  readonly etlGraceDays: number;
  readonly etlIntervalSeconds: number;
  readonly demoPosts: number;
  /** Secrets from the environment (production); undefined ones come from secrets.json on the embedded default. */
  readonly secretsFromEnv: Readonly<Partial<Record<SecretName, string>>>;
}

export const SECRET_NAMES = [
  'OPERATOR_TOKEN',
  'CURSOR_SECRET',
  'EMAIL_HASH_SECRET',
  'FINGERPRINT_SECRET',
  'PASS_SECRET',
] as const;
export type SecretName = (typeof SECRET_NAMES)[number];

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    expected: string,
    got: string | undefined,
  ) {
    super(`${variable} must be ${expected}; got ${got === undefined ? 'nothing' : JSON.stringify(got)}.`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(name, `a whole number from ${min} to ${max}`, raw);
  }
  return value;
}

function oneOf<T extends string>(env: Env, name: string, choices: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(choices as readonly string[]).includes(raw))
    throw new ConfigError(name, `one of ${choices.join(', ')}`, raw);
  return raw as T;
}

function matching(env: Env, name: string, pattern: RegExp, expected: string, fallback: string): string {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!pattern.test(raw)) throw new ConfigError(name, expected, raw);
  return raw;
}

function url(env: Env, name: string, protocols: readonly string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, `a URL (${protocols.join(' or ')})`, raw);
  }
  if (!protocols.includes(parsed.protocol))
    throw new ConfigError(name, `a URL starting ${protocols.join(' or ')}`, raw);
  return raw;
}

/** Seconds from "900", "15m", "1h" or "30s". */
function duration(env: Env, name: string, fallbackSeconds: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallbackSeconds;
  const match = /^(\d+)\s*(s|m|h)?$/.exec(raw.trim());
  if (!match) throw new ConfigError(name, 'a duration such as 900, 30s, 15m or 1h', raw);
  const value = Number(match[1]) * ({ s: 1, m: 60, h: 3600 } as const)[(match[2] ?? 's') as 's' | 'm' | 'h'];
  if (value < 1) throw new ConfigError(name, 'at least one second', raw);
  return value;
}

const CIDR = /^(?:(?:\d{1,3}\.){3}\d{1,3}|[0-9a-fA-F:]+)(?:\/\d{1,3})?$/;

export function loadConfig(env: Env = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const dataDir = resolve(env.DATA_DIR || './data');
  const trustProxy = (env.TRUST_PROXY ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const cidr of trustProxy) {
    if (!CIDR.test(cidr))
      throw new ConfigError('TRUST_PROXY', 'a comma-separated list of IPs or CIDRs (10.0.0.0/8)', cidr);
  }
  const epsilonRaw = env.DP_EPSILON;
  let dpEpsilon: number | undefined;
  if (epsilonRaw !== undefined && epsilonRaw !== '') {
    dpEpsilon = Number(epsilonRaw);
    if (!(dpEpsilon > 0 && dpEpsilon <= 100))
      throw new ConfigError('DP_EPSILON', 'a number above 0 and at most 100', epsilonRaw);
  }
  const secretsFromEnv: Partial<Record<SecretName, string>> = {};
  for (const name of SECRET_NAMES) {
    const value = env[name];
    if (value === undefined || value === '') {
      if (production) throw new ConfigError(name, 'set in production (at least 32 characters)', value);
      continue;
    }
    if (value.length < 32) throw new ConfigError(name, 'at least 32 characters', '<hidden>');
    secretsFromEnv[name] = value;
  }
  const config: Config = {
    host: env.HOST || '127.0.0.1',
    port: int(env, 'PORT', 3000, 0, 65_535),
    logLevel: oneOf(
      env,
      'LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const,
      'info',
    ),
    production,
    dataDir,
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    redisKeyPrefix: matching(
      env,
      'REDIS_KEY_PREFIX',
      /^[A-Za-z0-9:_.-]{1,64}$/,
      '1–64 letters, digits or : _ . -',
      'wc:p:',
    ),
    warehousePath: resolve(env.WAREHOUSE_PATH || `${dataDir}/warehouse.duckdb`),
    keystorePath: resolve(env.KEYSTORE_PATH || `${dataDir}/keys`),
    secretsPath: resolve(`${dataDir}/secrets.json`),
    mailOutboxDir: resolve(env.MAIL_OUTBOX_DIR || `${dataDir}/outbox`),
    smtpUrl: url(env, 'SMTP_URL', ['smtp:', 'smtps:']),
    mailFrom: env.MAIL_FROM || 'Watercooler <no-reply@watercooler.example>',
    authorLinkDays: int(env, 'AUTHOR_LINK_DAYS', 30, 1, 365),
    publicTimeGranularity: oneOf(env, 'PUBLIC_TIME_GRANULARITY', ['hour', 'day'] as const, 'hour'),
    minEmployerCrowd: int(env, 'MIN_EMPLOYER_CROWD', 20, 1, 1_000_000),
    sessionTtlHours: int(env, 'SESSION_TTL_HOURS', 24 * 7, 1, 24 * 90),
    trustProxy,
    protectionMode: oneOf(env, 'PROTECTION_MODE', ['enforce', 'monitor'] as const, 'enforce'),
    protectionPolicyPath: env.PROTECTION_POLICY || undefined,
    botEventsDays: int(env, 'BOT_EVENTS_DAYS', 30, 1, 365),
    kAnon: int(env, 'K_ANON', 5, 2, 1000),
    sentimentCap: int(env, 'SENTIMENT_CAP', 5, 1, 1000),
    dpEpsilon,
    etlGraceDays: int(env, 'ETL_GRACE_DAYS', 7, 0, 60),
    etlIntervalSeconds: duration(env, 'ETL_INTERVAL', 900),
    demoPosts: int(env, 'DEMO_POSTS', 20_000, 0, 10_000_000),
    secretsFromEnv,
  };
  return Object.freeze(config);
}

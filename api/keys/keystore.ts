// Forward-secure key chains kept in one file outside PostgreSQL (DESIGN.md "Keys and forgetting").
// Per chain the file holds only the oldest key still allowed to live; younger keys are derived
// with K(n+1) = HMAC-SHA256(K(n), "next"). advance() steps each chain past its dead keys and
// overwrites the file, so whoever holds it can derive today's and later keys, never an expired one.
// Independently of the file, key() refuses any period whose key has died by the clock.
import { createHmac, randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import type { Clock } from '../clock.ts';
import type { ChainName, ChainSpecs } from './chains.ts';
import { keyedHash, type Part } from './crypto.ts';
import { periodIndex, periodLabel } from './periods.ts';

interface StoredChain {
  cadence: string;
  /** Index of the oldest period whose key is kept. */
  oldest: number;
  oldestLabel: string;
  key: string;
}

interface StoredFile {
  version: 1;
  chains: Partial<Record<ChainName, StoredChain>>;
}

export interface KeyStoreOptions {
  /** Where new chains start: the earliest instant anything may be keyed (default: now). */
  genesis?: Date;
}

export interface AdvanceReport {
  chain: ChainName;
  from: string;
  to: string;
}

const FILE_NAME = 'keychains.json';

export class KeyStore {
  readonly #path: string;
  readonly #specs: ChainSpecs;
  readonly #clock: Clock;
  #chains: Map<ChainName, { oldest: number; key: Buffer }>;
  #derived = new Map<string, Buffer>();

  private constructor(
    path: string,
    specs: ChainSpecs,
    clock: Clock,
    chains: Map<ChainName, { oldest: number; key: Buffer }>,
  ) {
    this.#path = path;
    this.#specs = specs;
    this.#clock = clock;
    this.#chains = chains;
  }

  /** Opens (or creates) the store in directory `dir`, creating any chain it lacks at the genesis. */
  static open(dir: string, specs: ChainSpecs, clock: Clock, options: KeyStoreOptions = {}): KeyStore {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const path = `${dir}/${FILE_NAME}`;
    const stored: StoredFile = existsSync(path)
      ? (JSON.parse(readFileSync(path, 'utf8')) as StoredFile)
      : { version: 1, chains: {} };
    const chains = new Map<ChainName, { oldest: number; key: Buffer }>();
    let created = false;
    for (const spec of Object.values(specs)) {
      const entry = stored.chains[spec.name];
      if (entry) {
        if (entry.cadence !== spec.cadence)
          throw new Error(
            `key store ${path}: chain ${spec.name} has cadence ${entry.cadence}, expected ${spec.cadence}`,
          );
        chains.set(spec.name, { oldest: entry.oldest, key: Buffer.from(entry.key, 'base64') });
      } else {
        const genesis = options.genesis ?? clock.now();
        chains.set(spec.name, { oldest: periodIndex(spec.cadence, genesis), key: randomBytes(32) });
        created = true;
      }
    }
    const store = new KeyStore(path, specs, clock, chains);
    if (created || !existsSync(path)) store.#write();
    return store;
  }

  get path(): string {
    return this.#path;
  }

  /** The key of the period containing `at`, or null when it has died or predates the chain. */
  key(chain: ChainName, at: Date): Buffer | null {
    return this.keyForPeriod(chain, periodIndex(this.#specs[chain].cadence, at));
  }

  keyForPeriod(chain: ChainName, index: number): Buffer | null {
    const spec = this.#specs[chain];
    if (spec.expiresAt(index).getTime() <= this.#clock.now().getTime()) return null;
    const state = this.#chains.get(chain)!;
    if (index < state.oldest) return null;
    const cacheKey = `${chain}:${index}`;
    const cached = this.#derived.get(cacheKey);
    if (cached) return cached;
    let key = state.key;
    for (let i = state.oldest; i < index; i++) {
      const stepCache = this.#derived.get(`${chain}:${i + 1}`);
      key = stepCache ?? next(key);
      this.#derived.set(`${chain}:${i + 1}`, key);
    }
    this.#derived.set(cacheKey, key);
    return key;
  }

  /** A keyed hash under the period's key, or null when the key is gone. */
  tag(chain: ChainName, at: Date, ...parts: Part[]): Buffer | null {
    const key = this.key(chain, at);
    return key ? keyedHash(key, ...parts) : null;
  }

  /** Indices of the periods whose keys still live, oldest first, up to the current one. */
  livePeriods(chain: ChainName): number[] {
    const spec = this.#specs[chain];
    const current = periodIndex(spec.cadence, this.#clock.now());
    const live: number[] = [];
    for (let i = Math.max(this.#chains.get(chain)!.oldest, current - 5000); i <= current; i++) {
      if (this.keyForPeriod(chain, i)) live.push(i);
    }
    return live;
  }

  /** Drops every key that has died: steps each chain to its oldest live period and rewrites the file. */
  advance(): AdvanceReport[] {
    this.#adoptNewerFile();
    const now = this.#clock.now().getTime();
    const reports: AdvanceReport[] = [];
    for (const spec of Object.values(this.#specs)) {
      const state = this.#chains.get(spec.name)!;
      const from = state.oldest;
      let key = state.key;
      let oldest = state.oldest;
      while (spec.expiresAt(oldest).getTime() <= now) {
        const following = next(key);
        if (key !== state.key) key.fill(0);
        key = following;
        oldest++;
      }
      if (oldest !== from) {
        state.key.fill(0);
        this.#chains.set(spec.name, { oldest, key });
        reports.push({
          chain: spec.name,
          from: periodLabel(spec.cadence, from),
          to: periodLabel(spec.cadence, oldest),
        });
      }
    }
    if (reports.length > 0) {
      // Live keys may be in use by a request right now, so the cache is dropped, not zeroed;
      // the dead chain roots above were zeroed.
      this.#derived = new Map();
      this.#write();
    }
    return reports;
  }

  /** Another process may have advanced the shared file further: never move backwards. */
  #adoptNewerFile(): void {
    if (!existsSync(this.#path)) return;
    const stored = JSON.parse(readFileSync(this.#path, 'utf8')) as StoredFile;
    for (const [name, entry] of Object.entries(stored.chains) as [ChainName, StoredChain][]) {
      const mine = this.#chains.get(name);
      if (mine && entry.oldest > mine.oldest)
        this.#chains.set(name, { oldest: entry.oldest, key: Buffer.from(entry.key, 'base64') });
    }
  }

  #write(): void {
    const file: StoredFile = { version: 1, chains: {} };
    for (const [name, state] of this.#chains) {
      const cadence = this.#specs[name].cadence;
      file.chains[name] = {
        cadence,
        oldest: state.oldest,
        oldestLabel: periodLabel(cadence, state.oldest),
        key: state.key.toString('base64'),
      };
    }
    const temp = `${this.#path}.${process.pid}.tmp`;
    const fd = openSync(temp, 'w', 0o600);
    try {
      writeSync(fd, `${JSON.stringify(file, null, 2)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    chmodSync(temp, 0o600);
    renameSync(temp, this.#path);
  }
}

function next(key: Buffer): Buffer {
  return createHmac('sha256', key).update('next').digest();
}

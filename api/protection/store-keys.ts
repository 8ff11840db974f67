// Counter-store keys built once and handed out again. A key such as "b.a.<account>" made afresh
// for every request is a new string that each Map lookup (and the LRU behind the memory store)
// must flatten and hash anew, a dozen times per request; the same key handed back from here is
// one string object whose hash V8 keeps. Subjects should be such reused strings too (the tags of
// client-identity.ts, the fingerprint of fingerprint.ts), so finding the key costs one lookup and
// no hashing. Bounded like every table of the protection layers; a key that fell out is rebuilt.
import { Lru } from './lru.ts';

/** The keys of one prefix ("t." + subject, …): a layer makes its families once, at start-up. */
export class KeyFamily {
  readonly #prefix: string;
  readonly #keys: Lru<string, string>;

  constructor(prefix: string, capacity: number) {
    this.#prefix = prefix;
    this.#keys = new Lru(capacity);
  }

  of(subject: string): string {
    let key = this.#keys.get(subject);
    if (key === undefined) {
      key = this.#prefix + subject;
      this.#keys.set(subject, key);
    }
    return key;
  }
}

export class StoreKeys {
  readonly #capacity: number;
  readonly #families = new Map<string, KeyFamily>();
  readonly #pairs: Lru<string, Lru<string, string>>;
  readonly #accountActors: KeyFamily;
  readonly #clientActors: KeyFamily;

  /** `capacity`: subjects remembered per family (and first halves of pairs). */
  constructor(capacity = 20_000) {
    this.#capacity = capacity;
    this.#pairs = new Lru(capacity);
    this.#accountActors = this.family('a.');
    this.#clientActors = this.family('c.');
  }

  /** The family of a prefix, made on first use. Prefixes must come from code (a fixed set). */
  family(prefix: string): KeyFamily {
    let family = this.#families.get(prefix);
    if (family === undefined) {
      family = new KeyFamily(prefix, this.#capacity);
      this.#families.set(prefix, family);
    }
    return family;
  }

  /** `prefix + subject`, for paths too rare to keep their family at hand. */
  of(prefix: string, subject: string): string {
    return this.family(prefix).of(subject);
  }

  /** `first + "." + second`, for two subjects of any number (a fingerprint on a network). */
  pair(first: string, second: string): string {
    let table = this.#pairs.get(first);
    if (table === undefined) {
      table = new Lru(PAIRS_PER_SUBJECT);
      this.#pairs.set(first, table);
    }
    let key = table.get(second);
    if (key === undefined) {
      key = `${first}.${second}`;
      table.set(second, key);
    }
    return key;
  }

  /** Who behaviour is tracked for: "a.<account>" with a session, "c.<client>" without. */
  actor(account: string | null, client: string): string {
    return account ? this.#accountActors.of(account) : this.#clientActors.of(client);
  }
}

/** Networks remembered per fingerprint: a common browser build is seen on many networks. */
const PAIRS_PER_SUBJECT = 256;

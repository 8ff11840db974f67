// Account rows for the demo's people, written in the week each person joins: the e-mail only as
// keyedHash(EMAIL_HASH_SECRET, normalised address), one shared argon2id password hash (of a random
// password nobody knows: demo accounts are not meant to log in), the member kind and employer.
import { randomBytes } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { BulkTable, type BufferedRows } from './bulk-insert.ts';
import type { Company } from './companies.ts';
import { demoEmail, EMPLOYEE, emailHash, MEMBER_KINDS, type People } from './people.ts';

/** Argon2id (the library's default algorithm) of a random password, computed once per run. */
export async function unusablePasswordHash(): Promise<string> {
  return hash(randomBytes(32).toString('base64url'));
}

export class AccountWriter {
  readonly #people: People;
  readonly #companies: readonly Company[];
  readonly #emailHashSecret: string;
  readonly #passwordHash: string;
  readonly #rows = new BulkTable('accounts', [
    ['id', 'text'],
    ['email_hash', 'bytea'],
    ['password_hash', 'text'],
    ['member_kind', 'text'],
    ['company_id', 'text'],
    ['created_on', 'date'],
  ]);
  #next = 0;

  constructor(people: People, companies: readonly Company[], emailHashSecret: string, passwordHash: string) {
    this.#people = people;
    this.#companies = companies;
    this.#emailHashSecret = emailHashSecret;
    this.#passwordHash = passwordHash;
  }

  /** Buffers every person who joined before `end` and has not been written yet. */
  joinUntil(end: number): void {
    const people = this.#people;
    while (this.#next < people.count && people.createdAt[this.#next]! < end) {
      const i = this.#next++;
      const employee = people.kind[i] === EMPLOYEE;
      this.#rows.push(
        people.ids[i]!,
        emailHash(this.#emailHashSecret, demoEmail(people, i, this.#companies)),
        this.#passwordHash,
        MEMBER_KINDS[people.kind[i]!]!,
        employee ? this.#companies[people.company[i]!]!.id : null,
        new Date(people.createdAt[i]!).toISOString().slice(0, 10),
      );
    }
  }

  get written(): number {
    return this.#next;
  }

  take(): BufferedRows {
    return this.#rows.take();
  }
}

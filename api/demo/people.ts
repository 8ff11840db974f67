// The demo's people: mostly employees verified by a company domain, some "verified" (a work domain
// we do not list) and some plain members (free mail). Each has a job family, level and city, and an
// account creation time; a person posts and reports salaries only after joining. People are kept
// column-wise (typed arrays) so a million-post run stays small in memory.
import { keyedHash } from '../keys/crypto.ts';
import { CITIES, JOB_FAMILIES, LEVEL_SHARE, LEVEL_YEARS } from './catalog.ts';
import type { Company } from './companies.ts';
import { type Prng, WeightedPicker } from './prng.ts';

export const MEMBER_KINDS = ['employee', 'verified', 'member'] as const;
export type MemberKind = (typeof MEMBER_KINDS)[number];
export const EMPLOYEE = 0;
export const VERIFIED = 1;
export const MEMBER = 2;

const KIND_SHARE = [0.84, 0.09, 0.07];
/** Share of accounts that already exist when the span begins; the rest join over it. */
const FOUNDING_SHARE = 0.25;
const UNLISTED_WORK_DOMAINS = [
  'orbitalworks.example',
  'glasshouse-labs.example',
  'stonebridge-consulting.example',
];
const FREE_MAIL_DOMAINS = ['freemail.example', 'inbox.example', 'postbox.example'];

export interface People {
  readonly count: number;
  readonly ids: string[];
  readonly kind: Uint8Array;
  /** Company index, or -1. */
  readonly company: Int16Array;
  readonly family: Uint8Array;
  /** 1 … 8 */
  readonly level: Uint8Array;
  readonly city: Uint8Array;
  /** Account creation, ms; ascending (people are numbered in joining order). */
  readonly createdAt: Float64Array;
  /** Personal log-pay offset: some people are simply paid more. */
  readonly skill: Float32Array;
  /** Years of experience when the account was made. */
  readonly experience: Float32Array;
  readonly mailSalt: Uint32Array;
}

export function makePeople(
  prng: Prng,
  ids: Prng,
  newId: (random: Prng) => string,
  companies: readonly Company[],
  count: number,
  start: number,
  end: number,
): People {
  const createdAt = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    createdAt[i] = prng.chance(FOUNDING_SHARE) ? start : start + (end - start) * prng.float() ** 1.1;
  }
  createdAt.sort();
  const kindPicker = new WeightedPicker(KIND_SHARE);
  const companyPicker = new WeightedPicker(companies.map((c) => c.size));
  const levelPicker = new WeightedPicker(LEVEL_SHARE);
  const anyFamily = new WeightedPicker(JOB_FAMILIES.map(() => 1));
  const people: People = {
    count,
    ids: new Array<string>(count),
    kind: new Uint8Array(count),
    company: new Int16Array(count),
    family: new Uint8Array(count),
    level: new Uint8Array(count),
    city: new Uint8Array(count),
    createdAt,
    skill: new Float32Array(count),
    experience: new Float32Array(count),
    mailSalt: new Uint32Array(count),
  };
  for (let i = 0; i < count; i++) {
    people.ids[i] = newId(ids);
    const kind = kindPicker.pick(prng);
    people.kind[i] = kind;
    const level = levelPicker.pick(prng) + 1;
    people.level[i] = level;
    if (kind === EMPLOYEE) {
      const company = companies[companyPicker.pick(prng)]!;
      people.company[i] = company.index;
      people.family[i] = company.familyPicker.pick(prng);
      people.city[i] = company.cityIndices[company.cityPicker.pick(prng)]!;
    } else {
      people.company[i] = -1;
      people.family[i] = anyFamily.pick(prng);
      people.city[i] = prng.int(CITIES.length);
    }
    people.skill[i] = prng.normal(0, 0.12);
    people.experience[i] = Math.max(0, LEVEL_YEARS[level - 1]! * prng.logNormal(0, 0.25));
    people.mailSalt[i] = prng.uint32();
  }
  return people;
}

/** The person's (fake, normalised) e-mail: only its keyed hash is ever stored. */
export function demoEmail(people: People, i: number, companies: readonly Company[]): string {
  const local = `p${i}.${people.mailSalt[i]!.toString(36)}`;
  const salt = people.mailSalt[i]!;
  switch (people.kind[i]) {
    case EMPLOYEE: {
      const domains = companies[people.company[i]!]!.domains;
      return `${local}@${domains[salt % domains.length]}`;
    }
    case VERIFIED:
      return `${local}@${UNLISTED_WORK_DOMAINS[salt % UNLISTED_WORK_DOMAINS.length]}`;
    default:
      return `${local}@${FREE_MAIL_DOMAINS[salt % FREE_MAIL_DOMAINS.length]}`;
  }
}

export function emailHash(emailHashSecret: string, email: string): Buffer {
  return keyedHash(emailHashSecret, email);
}

/** Number of entries of an ascending array that are ≤ t. */
function countUpTo(sorted: Float64Array, t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Who has an account at a given moment, overall and per company. People are numbered in joining
 * order, so "active at t" is a prefix; earlier joiners are picked more often (a few people write a
 * lot, most write little).
 */
export class Crowd {
  readonly #people: People;
  readonly #employees: Int32Array;
  readonly #employeeJoined: Float64Array;
  readonly #members: Int32Array[];
  readonly #memberJoined: Float64Array[];

  constructor(people: People, companyCount: number) {
    this.#people = people;
    const perCompany: number[][] = Array.from({ length: companyCount }, () => []);
    const employees: number[] = [];
    for (let i = 0; i < people.count; i++) {
      if (people.kind[i] !== EMPLOYEE) continue;
      employees.push(i);
      perCompany[people.company[i]!]!.push(i);
    }
    this.#employees = Int32Array.from(employees);
    this.#employeeJoined = Float64Array.from(employees, (i) => people.createdAt[i]!);
    this.#members = perCompany.map((list) => Int32Array.from(list));
    this.#memberJoined = perCompany.map((list) => Float64Array.from(list, (i) => people.createdAt[i]!));
  }

  /** Employee accounts of a company at time t: the crowd behind "Employee of X". */
  employeesOf(company: number, t: number): number {
    return countUpTo(this.#memberJoined[company]!, t);
  }

  employeesAt(t: number): number {
    return countUpTo(this.#employeeJoined, t);
  }

  employeeAt(position: number): number {
    return this.#employees[position]!;
  }

  /** Anyone with an account at t, or -1 when nobody has one yet. */
  pickAnyone(prng: Prng, t: number): number {
    const active = countUpTo(this.#people.createdAt, t);
    return active === 0 ? -1 : Math.floor(active * prng.float() ** 1.4);
  }

  /** An employee of the company with an account at t, or -1 when there is none yet. */
  pickEmployeeOf(prng: Prng, company: number, t: number): number {
    const active = this.employeesOf(company, t);
    return active === 0 ? -1 : this.#members[company]![Math.floor(active * prng.float() ** 1.4)]!;
  }
}

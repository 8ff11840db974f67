// The key chains of DESIGN.md "Keys and forgetting": one per purpose, each with a cadence and a
// rule for when a period's key dies. Everything that links a person to content uses one of these.
import type { Config } from '../config.ts';
import { addDays, type Cadence, periodEnd, periodStart } from './periods.ts';

export type ChainName = 'author' | 'network' | 'account' | 'salary' | 'warehouseMonth' | 'warehouseYear';

export interface ChainSpec {
  readonly name: ChainName;
  readonly cadence: Cadence;
  /** The instant the key of period `index` dies: from then on nobody may derive it. */
  expiresAt(index: number): Date;
  readonly why: string;
}

export type ChainSpecs = Readonly<Record<ChainName, ChainSpec>>;

export function chainSpecs(config: Pick<Config, 'authorLinkDays' | 'etlGraceDays'>): ChainSpecs {
  const spec = (
    name: ChainName,
    cadence: Cadence,
    why: string,
    expiresAt: (index: number) => Date,
  ): ChainSpec => ({
    name,
    cadence,
    why,
    expiresAt,
  });
  return Object.freeze({
    author: spec('author', 'day', 'post → author links and per-thread alias tags', (i) =>
      addDays(periodStart('day', i), config.authorLinkDays),
    ),
    network: spec('network', 'day', 'network-prefix hashes in counters and bot events', (i) =>
      addDays(periodStart('day', i), 7),
    ),
    account: spec('account', 'month', 'account tags in bot events', (i) => periodEnd('month', i)),
    salary: spec('salary', 'year', 'salary report → reporter', (i) => addDays(periodEnd('year', i), 90)),
    warehouseMonth: spec(
      'warehouseMonth',
      'month',
      'contributor tags in weekly and monthly warehouse cells',
      (i) => addDays(periodEnd('month', i), config.etlGraceDays),
    ),
    warehouseYear: spec('warehouseYear', 'year', 'contributor tags in yearly warehouse cells', (i) =>
      addDays(periodEnd('year', i), config.etlGraceDays),
    ),
  });
}

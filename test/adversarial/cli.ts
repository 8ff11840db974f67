// `npm run adversarial -- …`: the scraper simulation at full size (or smaller with the options),
// printing the report table and writing it, with the command that produced it, to RESULTS.md.
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { markdownTable } from './report.ts';
import { FULL, REDUCED, runSimulation, type SimulationReport, type SimulationSize } from './simulation.ts';
import { parseCommandLine } from '../../api/command-line.ts';

const HELP = `Usage: npm run adversarial -- [options]

Runs the real server (PostgreSQL from TEST_DATABASE_URL, a fresh database per run; Redis from
TEST_REDIS_URL; PGlite and in-memory counters without them) with the scraper defence enforcing,
seeds a forum corpus, and drives scrapers and people over HTTP through a simulated day on a manual
clock. Prints one row per persona and writes the table to test/adversarial/RESULTS.md.

Options (defaults: full size):
  --reduced           the size the test suite runs (${REDUCED.posts} posts, ${REDUCED.colleagues} colleagues, …)
  --posts N           posts of the corpus before copies (default ${FULL.posts})
  --copies N          the corpus is posts × (1 + copies): all generated on PostgreSQL, copied in SQL on PGlite (default ${FULL.copies})
  --days N            days the corpus spans (default ${FULL.days})
  --hours N           simulated hours (default ${FULL.hours})
  --colleagues N      people behind the office NAT (default ${FULL.colleagues})
  --readers N         browser readers (default ${FULL.browserReaders}); the first --writers of them write
  --writers N         readers who write with habits, for the alias linker (default ${FULL.writers})
  --mobile N          mobile app users (default ${FULL.mobileUsers})
  --sybils N          sybil accounts (default ${FULL.sybils})
  --no-chromium       leave out the headless Chromium scraper
  --seed S            same seed, same simulation (default "${FULL.seed}")
  --out FILE          where to write the table (default test/adversarial/RESULTS.md; "-" for nowhere)
  -h, --help          this text
`;

class UsageError extends Error {}

function whole(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max)
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}; got "${raw}".`);
  return value;
}

function sizeFrom(values: Record<string, string | boolean | undefined>): SimulationSize {
  const base = values.reduced ? REDUCED : FULL;
  const text = (name: string) => values[name] as string | undefined;
  const size: SimulationSize = {
    posts: whole('posts', text('posts'), base.posts, 100, 10_000_000),
    copies: whole('copies', text('copies'), base.copies, 0, 1000),
    days: whole('days', text('days'), base.days, 7, 3650),
    hours: whole('hours', text('hours'), base.hours, 1, 24 * 14),
    colleagues: whole('colleagues', text('colleagues'), base.colleagues, 0, 100_000),
    browserReaders: whole('readers', text('readers'), base.browserReaders, 0, 100_000),
    writers: whole('writers', text('writers'), base.writers, 0, 100_000),
    mobileUsers: whole('mobile', text('mobile'), base.mobileUsers, 0, 100_000),
    sybils: whole('sybils', text('sybils'), base.sybils, 1, 10_000),
    chromium: !values['no-chromium'],
    seed: text('seed') ?? base.seed,
  };
  if (size.writers > size.browserReaders) throw new UsageError('--writers cannot exceed --readers.');
  return size;
}

export function resultsMarkdown(report: SimulationReport, command: string): string {
  const { size, corpus } = report;
  const load = loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
  return [
    '# Adversarial scraper simulation',
    '',
    `Command: \`${command}\``,
    '',
    `Machine: ${cpus().length} cores, load average ${load} at the end. Database: ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}; counters: ${report.redis ? 'Redis' : 'memory'}.`,
    `Corpus: ${corpus.posts} posts in ${corpus.threads} threads over ${size.days} days (seed "${size.seed}"). ` +
      `Simulated ${size.hours} h in ${(report.runMs / 1000).toFixed(0)} s wall (${report.events} events; seeding ${(report.seedMs / 1000).toFixed(0)} s).`,
    '',
    markdownTable(report.results),
    '',
    'Columns: "1st …" is the number of requests the persona had sent when it met its first 429, challenge or block; ' +
      "throttled / challenged / blocked are shares of the persona's requests (people only). A group (sybils, readers, " +
      'colleagues) is one row, its requests counted together. Share of corpus = distinct posts of the corpus the persona ' +
      "was shown, over all posts in it. bot_events reasons: what the defence recorded for the persona's accounts.",
    '',
  ].join('\n');
}

async function main(): Promise<number> {
  const values = parseCommandLine(
    {
      reduced: { type: 'boolean', default: false },
      posts: { type: 'string' },
      copies: { type: 'string' },
      days: { type: 'string' },
      hours: { type: 'string' },
      colleagues: { type: 'string' },
      readers: { type: 'string' },
      writers: { type: 'string' },
      mobile: { type: 'string' },
      sybils: { type: 'string' },
      'no-chromium': { type: 'boolean', default: false },
      seed: { type: 'string' },
      out: { type: 'string', default: 'test/adversarial/RESULTS.md' },
    },
    HELP,
  );
  if (typeof values === 'number') return values;
  let size: SimulationSize;
  try {
    size = sizeFrom(values);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${HELP}`);
    return 2;
  }
  const report = await runSimulation(size, (line) => process.stderr.write(`${line}\n`));
  const args = process.argv.slice(2).join(' ');
  const markdown = resultsMarkdown(report, `npm run adversarial${args ? ` -- ${args}` : ''}`);
  process.stdout.write(`${markdown}\n`);
  if (values.out !== '-') writeFileSync(values.out as string, markdown);
  return report.results.every((r) => r.goalMet && r.unexpected.length === 0) ? 0 : 1;
}

process.exitCode = await main();

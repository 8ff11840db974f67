// `npm run demo -- …`: fills the configured database with demo data (api/demo/generate.ts) and
// shows a progress bar. Refuses a database that already has posts unless --force.
import cliProgress from 'cli-progress';
import { openServices } from '../boot.ts';
import { ManualClock, systemClock } from '../clock.ts';
import { ConfigError, loadConfig } from '../config.ts';
import {
  DEMO_DEFAULT_DAYS,
  DEMO_DEFAULT_SEED,
  DemoSetupError,
  demoSpan,
  generateDemoData,
} from './generate.ts';
import { parseCommandLine } from '../command-line.ts';

const HELP = `Usage: npm run demo -- [options]

Fills the database with believable demo data: 40 fictional companies (.example domains), their
people, threads and replies in English and Chinese, and salary reports, over a span ending now.
Written through the API's rules (per-thread aliases, author links, receipts, reporter tags).

Options:
  --posts N      posts (opening posts and replies) to write (default DEMO_POSTS, 20000)
  --salaries N   salary reports to write (default posts / 5)
  --seed S       the same seed gives the same data (default "${DEMO_DEFAULT_SEED}")
  --days N       length of the span, in days, ending now (default ${DEMO_DEFAULT_DAYS})
  --force        write even though the database already has posts (use a seed not used before)
  -h, --help     this text

Reads the same environment as npm start: DATABASE_URL (else PGlite under DATA_DIR), DATA_DIR,
KEYSTORE_PATH, AUTHOR_LINK_DAYS, MIN_EMPLOYER_CROWD, EMAIL_HASH_SECRET, …
Posts are linked to their authors with the key of their own day, so the key store must reach back
to the span's start: a fresh key store is created that way; an older one that starts later is
refused (use a fresh DATA_DIR / KEYSTORE_PATH, or fewer --days). Links older than AUTHOR_LINK_DAYS
are dead by the time this finishes, as they would be in real life; \`npm start\` fills an empty
database itself and builds the warehouse week by week while the links live.
`;

function count(name: string, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value > max)
    throw new UsageError(`--${name} must be a whole number up to ${max}; got "${raw}".`);
  return value;
}

class UsageError extends Error {}

async function main(): Promise<number> {
  const values = parseCommandLine(
    {
      posts: { type: 'string' },
      salaries: { type: 'string' },
      seed: { type: 'string' },
      days: { type: 'string' },
      force: { type: 'boolean', default: false },
    },
    HELP,
  );
  if (typeof values === 'number') return values;
  const config = loadConfig();
  let posts: number;
  let salaries: number;
  let days: number;
  try {
    posts = count('posts', values.posts as string | undefined, config.demoPosts, 100_000_000);
    salaries = count('salaries', values.salaries as string | undefined, Math.round(posts / 5), 100_000_000);
    days = count('days', values.days as string | undefined, DEMO_DEFAULT_DAYS, 3650);
    if (days < 7) throw new UsageError('--days must be at least 7.');
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }

  // The generator walks this clock from the span's start to now; the key store starts there too.
  const now = systemClock.now();
  const clock = new ManualClock(now);
  const services = await openServices(config, { clock, keyStore: { genesis: demoSpan(now, days).start } });
  try {
    const { rows } = await services.db.query<{ n: number }>('SELECT count(*) AS n FROM posts');
    const existing = rows[0]!.n;
    if (existing > 0 && !values.force) {
      process.stderr.write(
        `The database already has ${existing} posts. Pass --force to add demo data anyway (with a --seed not used before).\n`,
      );
      return 1;
    }
    const bar = new cliProgress.SingleBar(
      {
        format:
          'demo data |{bar}| {percentage}% | {value}/{total} posts + salaries | {duration_formatted} (eta {eta_formatted})',
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(posts + salaries, 0);
    const summary = await generateDemoData(
      // With DATABASE_URL the run is one COPY transaction (api/demo/bulk-load.ts).
      {
        db: services.db,
        keys: services.keys,
        clock,
        config,
        secrets: services.secrets,
        databaseUrl: config.databaseUrl,
      },
      {
        posts,
        salaries,
        days,
        seed: (values.seed as string | undefined) ?? DEMO_DEFAULT_SEED,
        onProgress: ({ phase, done }) => {
          if (phase !== 'setup') bar.update(done);
        },
      },
    );
    bar.stop();
    const { layoff, payRise } = summary.events;
    process.stdout.write(
      [
        `Wrote ${summary.posts} posts in ${summary.threads} threads, ${summary.salaries} salary reports, ` +
          `${summary.accounts} accounts and ${summary.companies} companies in ${(summary.timings.totalMs / 1000).toFixed(1)} s.`,
        `Span ${summary.start.toISOString().slice(0, 10)} – ${summary.end.toISOString().slice(0, 10)} (seed "${summary.seed}").`,
        `Events: layoff wave at ${layoff.slug} ${layoff.start.toISOString().slice(0, 10)} – ${layoff.end.toISOString().slice(0, 10)}; ` +
          `pay rise at ${payRise.slug} from ${payRise.at.toISOString().slice(0, 10)}.`,
        '',
      ].join('\n'),
    );
    return 0;
  } finally {
    await services.db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    const known =
      error instanceof ConfigError || error instanceof DemoSetupError || error instanceof RangeError;
    process.stderr.write(known ? `${error.message}\n` : `${error?.stack ?? error}\n`);
    process.exit(known ? 2 : 1);
  },
);
